import type { QueryClient } from '@tanstack/react-query';
import { sessionQueries } from '@/api/session';

/**
 * Tabs of the same browser share one session cookie: signing out (or in) in one tab is told to the
 * others over a BroadcastChannel, so that they leave (or refresh) at once instead of on their next
 * failed request.
 */
const CHANNEL = 'lockboard-session';
type SessionMessage = { type: 'signed-out' } | { type: 'signed-in' };
type Envelope = SessionMessage & { from: string };

/**
 * This tab. A BroadcastChannel hears the other channel objects of its own tab too, so a message
 * carries its sender: the tab that signed out is not told it "signed out in another tab".
 */
const TAB = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

function channel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
}

export function announce(message: SessionMessage) {
  const ch = channel();
  ch?.postMessage({ ...message, from: TAB } satisfies Envelope);
  ch?.close();
}

/** Everything cached but who is signed in and the app's settings: one user's data never serves another. */
export function forgetUserData(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' && query.queryKey[0] !== 'app-config' });
}

export function listenForSessionEvents(queryClient: QueryClient): () => void {
  const ch = channel();
  if (!ch) return () => undefined;
  ch.onmessage = (event: MessageEvent<Envelope | null>) => {
    if (!event.data || event.data.from === TAB) return;
    if (event.data.type === 'signed-out') {
      queryClient.setQueryData(sessionQueries.me().queryKey, { user: null, ended: 'signed-out-elsewhere' });
      forgetUserData(queryClient);
    } else if (event.data.type === 'signed-in') {
      void queryClient.invalidateQueries({ queryKey: sessionQueries.all() });
    }
  };
  return () => ch.close();
}
