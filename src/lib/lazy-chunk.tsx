import { type ComponentType, createElement, lazy, type ReactNode, useEffect, useState } from 'react';
import { UNREACHABLE_MESSAGE, isServerReachable, reportUnreachable, useServerReachable } from './connection';

/**
 * Every lazily loaded part of the app (routes, dialogs, the bulk bar, the alerts bell) comes through
 * here (ESLint forbids React's `lazy` elsewhere), so that a chunk that fails to load never takes the
 * page down: where the part would be, it says that Lockboard can't reach the server, and it loads
 * by itself once the server answers again. A chunk the server no longer has (a new build was
 * deployed and the old names are gone) loads the new build instead: the page reloads, once.
 */
type Module<P> = { default: ComponentType<P> };

/** How a part that cannot load says so: a block in the page, a line beside a control, or nothing. */
export type Unavailable = 'block' | 'inline' | 'none';

export interface LazyChunk<P> {
  (props: P): ReactNode;
  /** Starts loading ahead (on the way to a click); a failure here is silent (the render will say it). */
  preload(): Promise<unknown>;
}

/** A failed dynamic import or module preload, as Chromium, Firefox, Safari and Vite word it. */
export function isChunkLoadError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS|error loading dynamically imported/i.test(
    error.message,
  );
}

/** The chunk's address in the error, when the browser names it. */
function chunkUrlOf(error: Error): string | null {
  return /(https?:\/\/\S+?\.(?:js|css))\b/.exec(error.message)?.[1] ?? /(\/assets\/\S+?\.(?:js|css))\b/.exec(error.message)?.[1] ?? null;
}

const RELOADED_AT = 'lockboard-reloaded-for-new-build';
/** A second reload for a missing chunk within this time is not tried: the page says so instead. */
const RELOAD_GUARD_MS = 60_000;

/** Reloads into the new build, unless the page already did so a moment ago (no reload loop). */
function reloadOnce(): boolean {
  try {
    const last = Number(sessionStorage.getItem(RELOADED_AT));
    if (Number.isFinite(last) && Date.now() - last < RELOAD_GUARD_MS) return false;
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  } catch {
    return false;
  }
  window.location.reload();
  return true;
}

type Failure = 'unreachable' | 'reloading' | 'updated';

/**
 * Why a chunk did not load: no answer (the server is out of reach), or an answer without the chunk
 * (a new build replaced it: reload into it). Asks for the chunk itself when the error names it.
 */
async function diagnose(error: Error): Promise<Failure> {
  const url = chunkUrlOf(error);
  let answered: boolean;
  try {
    answered = url ? (await fetch(url, { method: 'HEAD', cache: 'no-store' })).status > 0 : isServerReachable();
  } catch {
    answered = false;
  }
  if (!answered) {
    reportUnreachable();
    return 'unreachable';
  }
  return reloadOnce() ? 'reloading' : 'updated';
}

const MESSAGES: Record<Failure, string> = {
  unreachable: `${UNREACHABLE_MESSAGE}. This part loads by itself when the connection returns.`,
  reloading: 'Lockboard has been updated: loading the new version…',
  updated: 'Lockboard has been updated and this part of the old version is gone. Reload the page to use the new one.',
};

function ChunkUnavailable({ failure, unavailable }: { failure: Failure; unavailable: Unavailable }) {
  if (unavailable === 'none') return null;
  const inline = unavailable === 'inline';
  return (
    <div
      role="alert"
      className={
        inline
          ? 'lock-controls-note font-medium text-amber-900 dark:text-amber-200'
          : 'mx-auto my-6 flex max-w-xl flex-col items-start gap-3 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-600/30 ring-inset dark:bg-amber-500/10 dark:text-amber-100'
      }
    >
      <p>{inline && failure === 'unreachable' ? `${UNREACHABLE_MESSAGE}: waiting to reconnect…` : MESSAGES[failure]}</p>
      {failure === 'updated' && (
        <button
          type="button"
          onClick={() => window.location.reload()}
          className="min-h-9 rounded-md bg-indigo-600 px-3 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Reload the page
        </button>
      )}
    </div>
  );
}

export function lazyChunk<P extends object>(load: () => Promise<Module<P>>, { unavailable = 'block' }: { unavailable?: Unavailable } = {}): LazyChunk<P> {
  let loaded: Module<P> | undefined;
  let attempt: Promise<Module<P>> | null = null;
  const loadOnce = () =>
    (attempt ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        attempt = null;
        throw error;
      },
    ));

  /** Rendered in the chunk's place after a failure: says why, and becomes the chunk once it loads. */
  function Recovering({ first, props }: { first: Failure; props: P }) {
    const reachable = useServerReachable();
    const [failure, setFailure] = useState<Failure | null>(loaded ? null : first);
    const [crash, setCrash] = useState<{ error: unknown } | null>(null);
    useEffect(() => {
      if (loaded || !reachable || failure !== 'unreachable') return;
      let current = true;
      loadOnce().then(
        () => current && setFailure(null),
        async (error: unknown) => {
          const next = isChunkLoadError(error) ? await diagnose(error as Error) : null;
          if (!current) return;
          if (next) setFailure(next);
          else setCrash({ error });
        },
      );
      return () => {
        current = false;
      };
    }, [reachable, failure]);
    // The chunk loaded but failed to run: that is a bug, for the error boundary.
    if (crash) throw crash.error;
    if (loaded && failure === null) {
      const Loaded = loaded.default;
      return <Loaded {...props} />;
    }
    return <ChunkUnavailable failure={failure ?? first} unavailable={unavailable} />;
  }

  const Lazy = lazy<ComponentType<P>>(() =>
    loadOnce().catch(async (error: unknown) => {
      if (!isChunkLoadError(error)) throw error;
      const first = await diagnose(error as Error);
      return { default: (props: P) => <Recovering first={first} props={props} /> };
    }),
  );
  /**
   * A part already loaded (preloaded, or shown before) renders as itself, in the same pass: no
   * Suspense fallback, and a server-rendered page hydrates in one pass. The choice is kept per
   * mount, so a part that began lazily (perhaps recovering from a failure) is never remounted.
   */
  function Chunk(props: P) {
    const [ready] = useState(() => loaded?.default);
    return ready ? createElement(ready, props) : <Lazy {...props} />;
  }
  Chunk.preload = () => loadOnce().catch(() => undefined);
  return Chunk;
}
