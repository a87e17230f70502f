import type { DehydratedState } from '@tanstack/react-query';
import type { ViewerIntl } from './hooks/viewer-intl';
import { SSR_STATE_ID, type SsrState } from './root';

/**
 * The data a server-rendered page came with (entry-server.tsx), or null for the plain shell.
 * Its times stay the server's: hydration renders every "… ago" from the server's "now", exactly as
 * the server wrote it. (A browser clock more than a query's staleTime ahead of the server's makes
 * that query refetch once after hydration; unchanged rows do not render again.)
 */
export function readSsrState(doc: Pick<Document, 'getElementById'> = document): { now: number; queries: DehydratedState; intl: ViewerIntl | null } | null {
  const text = doc.getElementById(SSR_STATE_ID)?.textContent;
  if (!text) return null;
  let state: SsrState;
  try {
    state = JSON.parse(text) as SsrState;
  } catch {
    return null;
  }
  const queries = state.queries as DehydratedState | undefined;
  if (typeof state.now !== 'number' || !queries || !Array.isArray(queries.queries)) return null;
  const intl = state.intl && typeof state.intl.timeZone === 'string' && typeof state.intl.locale === 'string' ? state.intl : null;
  return { now: state.now, queries, intl };
}

/** The cookie that tells the server renderer the browser's locale and zone (server/gateway/ssr/render.ts reads it). */
export const INTL_COOKIE = 'lockboard_intl';

/**
 * Remembers this browser's locale and time zone for the server renderer, so that the next
 * server-rendered page writes its times as this browser would (and hydration matches).
 */
export function rememberIntl(intl: ViewerIntl, doc: Pick<Document, 'cookie'> = document, secure = location.protocol === 'https:') {
  const value = encodeURIComponent(`${intl.locale} ${intl.timeZone}`);
  doc.cookie = `${INTL_COOKIE}=${value}; Path=/; Max-Age=31536000; SameSite=Strict${secure ? '; Secure' : ''}`;
}
