import type { DehydratedState } from '@tanstack/react-query';
import { SSR_STATE_ID, type SsrState } from './root';

/**
 * The data a server-rendered page came with (entry-server.tsx), or null for the plain shell.
 * Its times stay the server's: hydration renders every "… ago" from the server's "now", exactly as
 * the server wrote it. (A browser clock more than a query's staleTime ahead of the server's makes
 * that query refetch once after hydration; unchanged rows do not render again.)
 */
export function readSsrState(doc: Pick<Document, 'getElementById'> = document): { now: number; queries: DehydratedState } | null {
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
  return { now: state.now, queries };
}
