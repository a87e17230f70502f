import { reportReachable, reportUnreachable, setReachabilityProbe } from '@/lib/connection';

/**
 * The only code in the SPA that speaks HTTP. It knows the `{status, msg}` envelope and turns every
 * failure into an ApiError carrying a sentence a person can read; it knows nothing of toasts or routes.
 */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when no answer arrived at all. */
    readonly status: number,
    message: string,
    /** Seconds from a Retry-After header (429), else null. */
    readonly retryAfter: number | null = null,
    /** The answer's JSON object, when there was one (a partial failure may carry results). */
    readonly body: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

}

export type Query = Record<string, string | number | undefined>;

declare global {
  interface Window {
    /** Requests the boot script started before the app loaded, by path (see app/boot-prefetch.ts). */
    __lockboardBoot?: Map<string, Promise<Response>>;
  }
}

/** The response to a GET the boot script already started for exactly this path, once. */
function takeEarlyResponse(path: string): Promise<Response> | undefined {
  const early = typeof window === 'undefined' ? undefined : window.__lockboardBoot;
  const response = early?.get(path);
  early?.delete(path);
  return response;
}

/** A GET that the boot script may already have started; used for the first screen's data. */
export function fetchEarly(path: string, init: RequestInit): Promise<Response> {
  return ((init.method ?? 'GET') === 'GET' && takeEarlyResponse(path)) || fetch(path, init);
}

export function withQuery(path: string, query: Query = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

function messageOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const msg = (body as { msg?: unknown }).msg;
  return typeof msg === 'string' && msg.trim() ? msg.trim() : null;
}

/** Performs a request to our own origin and returns the envelope of a `status: 1` answer. */
export async function request(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetchEarly(path, {
      method: init.method ?? 'GET',
      signal: init.signal,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    reportUnreachable();
    throw new ApiError(0, 'Lockboard cannot reach its server. Check your network connection.');
  }
  // Any answer at all: the server is there (lib/connection.ts).
  reportReachable();
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError(response.status, `The server sent an unreadable answer (HTTP ${response.status}).`);
  }
  const status = typeof body === 'object' && body !== null ? (body as { status?: unknown }).status : undefined;
  if (!response.ok || (status !== 1 && status !== '1')) {
    const fallback = response.ok
      ? 'The Plus Platform reported a failure without saying why.'
      : `The request failed (HTTP ${response.status}).`;
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError(
      response.ok ? 200 : response.status,
      messageOf(body) ?? fallback,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
      typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null,
    );
  }
  return body as Record<string, unknown>;
}

// While the server is out of reach, the app's one probe asks for its settings (small, uncached).
setReachabilityProbe(() =>
  fetch('/app-config.json', { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' }).then(
    () => true,
    () => false,
  ),
);

export function getJson(path: string, query?: Query, signal?: AbortSignal) {
  return request(withQuery(path, query), { signal });
}
