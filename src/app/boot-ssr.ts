import { type DehydratedState } from '@tanstack/react-query';
import { SSR_STATE_ID, type SsrState } from './root';

/**
 * The data a server-rendered page came with (entry-server.tsx), or null for the plain shell.
 * Its times are moved from the server's clock to this browser's: the page's "now" becomes this
 * moment, and every query's `dataUpdatedAt` moves by as much, so that ages ("Updated 0 s ago")
 * and freshness (staleTime: no refetch on hydration) read the same as on the server.
 */
export function readSsrState(doc: Pick<Document, 'getElementById'> = document, clientNow = Date.now()): { now: number; queries: DehydratedState } | null {
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
  const shift = clientNow - state.now;
  return {
    now: clientNow,
    queries: {
      ...queries,
      queries: queries.queries.map((query) => ({
        ...query,
        ...(typeof query.dehydratedAt === 'number' ? { dehydratedAt: query.dehydratedAt + shift } : {}),
        state: { ...query.state, dataUpdatedAt: query.state.dataUpdatedAt + shift },
      })),
    },
  };
}
