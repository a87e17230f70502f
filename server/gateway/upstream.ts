import { setMaxListeners } from 'node:events';
import { PROBE_PATH, SignedOutCheck, type Verdict, probeVerdict } from './signed-out';
import { MAX_ANSWER_BYTES, readAnswer } from './upstream-answer';
import { ExchangeError, type RawAnswer, exchange } from './upstream-http';

/**
 * The one adapter through which the gateway speaks to the Plus Platform for its own calls
 * (capabilities, health, and later sign-in and the password reveal). Plain requests through
 * the /api proxy go through proxy/ (forward.ts), which shares the error wording below.
 */
export type UpstreamFailureKind = 'down' | 'slow' | 'invalid';

export class UpstreamError extends Error {
  constructor(
    readonly kind: UpstreamFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export function upstreamFailureMessage(kind: UpstreamFailureKind, timeoutMs: number): string {
  switch (kind) {
    case 'down':
      return 'The Plus Platform cannot be reached right now';
    case 'slow':
      return `The Plus Platform did not answer within ${Math.round(timeoutMs / 1000)} s`;
    case 'invalid':
      return 'The Plus Platform sent an answer that is not JSON';
  }
}

export interface UpstreamResponse {
  status: number;
  body: unknown;
  /** The platform no longer takes the request's token (signed-out.ts): the session must end. */
  signedOut?: true;
}

export interface UpstreamRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  token?: string | null;
  body?: unknown;
  /** A body sent as it is, with its type (the people import's CSV), instead of `body` as JSON. */
  text?: { type: string; body: string };
  timeoutMs?: number;
  /** The browser's address, passed on as X-Forwarded-For (the platform limits sign-ins by it). */
  clientIp?: string;
  /** false: a refusal is not checked for a signed-out token (sign-out itself). */
  checkToken?: boolean;
}

/**
 * What the gateway last saw of the platform in its own requests, for /healthz: a ping only says the
 * platform answers HTTP, not that its answers are any use (garbage, or every request timing out).
 */
export class UpstreamHealth {
  private answeredAt = 0;
  private failure: { kind: UpstreamFailureKind; at: number } | null = null;

  /** A usable answer (JSON, whatever it said). */
  answered(now = Date.now()) {
    this.answeredAt = now;
  }

  failed(kind: UpstreamFailureKind, now = Date.now()) {
    this.failure = { kind, at: now };
  }

  /** The last failure, when it came within `withinMs` and nothing usable has come since. */
  failing(now = Date.now(), withinMs = 60_000): { kind: UpstreamFailureKind; at: number } | null {
    const failure = this.failure;
    return failure && failure.at >= this.answeredAt && now - failure.at <= withinMs ? failure : null;
  }
}

export class Upstream {
  /** Origin (scheme://host:port) of the platform. */
  readonly origin: string;
  /** How the platform's answers have been going, the proxy's and the gateway's own requests alike. */
  readonly health = new UpstreamHealth();
  /** Path prefix of PLUS_API_URL ("" for a bare host). */
  readonly basePath: string;
  /** Whether an answer means the token is no longer good, with the probe's verdicts per token. */
  readonly sessions = new SignedOutCheck((token) => this.probe(token));
  /** Aborted when the gateway stops: its own requests under way end then, not at their time-out. */
  private readonly stopping = withAnyListenerCount(new AbortController());

  constructor(
    readonly baseUrl: string,
    readonly timeoutMs = 10_000,
  ) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
  }

  /** `path` starts with `/api/`; the query string is part of it. */
  url(path: string): string {
    return `${this.origin}${this.basePath}${path}`;
  }

  /**
   * Sends a request and reads its JSON answer of any HTTP status (upstream-answer.ts, the reader the
   * relay uses too); throws UpstreamError when there is none. With a token, an answer that says the
   * token is no longer good (signed-out.ts) comes back with `signedOut`, whatever its body.
   */
  async request(path: string, options: UpstreamRequest = {}): Promise<UpstreamResponse> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': 'identity' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.text) headers['content-type'] = options.text.type;
    else if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.clientIp) headers['x-forwarded-for'] = options.clientIp;
    let answer: RawAnswer;
    try {
      answer = await exchange(this.url(path), {
        method: options.method ?? 'GET',
        headers,
        body: options.text ? options.text.body : options.body === undefined ? undefined : JSON.stringify(options.body),
        timeoutMs,
        maxBytes: MAX_ANSWER_BYTES,
        signal: this.stopping.signal,
      });
    } catch (error) {
      throw this.failure(error instanceof ExchangeError ? error.kind : 'down', timeoutMs);
    }
    const read = readAnswer(answer.status, answer.headers, answer.raw);
    const token = options.token && options.checkToken !== false ? options.token : null;
    if (token && (await this.sessions.signedOut(token, path, answer.status, read))) {
      this.health.answered();
      return { status: answer.status, body: read.kind === 'json' ? read.body : null, signedOut: true };
    }
    if (read.kind === 'not-json') throw this.failure('invalid', timeoutMs);
    this.health.answered();
    return { status: answer.status, body: read.kind === 'json' ? read.body : null };
  }

  /** The probe of signed-out.ts: the documented list call with the token, its answer not checked again. */
  private async probe(token: string): Promise<Verdict> {
    const headers = { accept: 'application/json', 'accept-encoding': 'identity', authorization: `Bearer ${token}` };
    const answer = await exchange(this.url(PROBE_PATH), {
      method: 'GET',
      headers,
      timeoutMs: this.timeoutMs,
      maxBytes: MAX_ANSWER_BYTES,
      signal: this.stopping.signal,
    });
    return probeVerdict(answer.status, readAnswer(answer.status, answer.headers, answer.raw));
  }

  /** True when the platform answers HTTP at all (any status), within `timeoutMs`. */
  async ping(timeoutMs = 3_000): Promise<boolean> {
    try {
      const response = await fetch(this.url('/api/locks?pagenumber=1&limit=1'), {
        signal: this.signal(timeoutMs),
        redirect: 'manual',
      });
      await response.body?.cancel();
      return true;
    } catch {
      return false;
    }
  }

  /** Ends every request under way (the gateway is stopping). */
  close(): void {
    this.stopping.abort();
  }

  private signal(timeoutMs: number): AbortSignal {
    return AbortSignal.any([AbortSignal.timeout(timeoutMs), this.stopping.signal]);
  }

  private failure(kind: UpstreamFailureKind, timeoutMs: number): UpstreamError {
    this.health.failed(kind);
    return new UpstreamError(kind, upstreamFailureMessage(kind, timeoutMs));
  }
}

/** The platform's own `msg` in an answer, or '' when it sent none. */
export function upstreamMessage(body: unknown): string {
  const msg = typeof body === 'object' && body !== null ? (body as { msg?: unknown }).msg : undefined;
  return typeof msg === 'string' ? msg : '';
}

/**
 * The HTTP status to pass a platform's refusal on with: its own 4xx; 400 for a refusal sent as a
 * success (a vendor host answers validation and search failures HTTP 200 with `status: 0`); 502 for
 * anything else (the platform failed, not the request).
 */
export function refusalStatus(httpStatus: number): number {
  if (httpStatus >= 400 && httpStatus < 500) return httpStatus;
  return httpStatus >= 200 && httpStatus < 300 ? 400 : 502;
}

/** True for a `{status: 1, ...}` envelope (a `"1"` was made a number by the reader). */
export function isSuccess(body: unknown): body is Record<string, unknown> & { status: 1 } {
  return typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 1;
}

/** Every request under way listens to the one stop signal: a bulk command has hundreds at once (no leak warning). */
function withAnyListenerCount(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}
