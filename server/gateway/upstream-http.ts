import { Agent as HttpAgent, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';

/** The raw exchange: what the relay gets from reply-from, so that both read answers alike (upstream-answer.ts). */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent (still encoded); null when it was larger than the limit. */
  raw: Buffer | null;
}

export type ExchangeFailure = 'down' | 'slow';

export class ExchangeError extends Error {
  constructor(readonly kind: ExchangeFailure) {
    super(kind);
  }
}

/** Kept-alive connections are dropped after 4 s idle, before a server's own idle limit (5 s in Node) closes one under a request. */
const AGENT_OPTIONS = { keepAlive: true, timeout: 4_000, scheduling: 'lifo' } as const;
const agents = { http: new HttpAgent(AGENT_OPTIONS), https: new HttpsAgent(AGENT_OPTIONS) };

/** Reads a stream whole, or null (and the stream destroyed) once it passes `limit` bytes. */
export async function readLimited(stream: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * One HTTP exchange with the platform, redirects not followed and nothing decoded: the status,
 * headers and body bytes as they came. Throws ExchangeError('slow') past `timeoutMs` for the whole
 * exchange, ExchangeError('down') when the connection fails or `signal` aborts it (the gateway stops).
 */
export function exchange(
  url: string,
  options: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number; maxBytes: number; signal?: AbortSignal },
): Promise<RawAnswer> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  return new Promise<RawAnswer>((resolve, reject) => {
    let timedOut = false;
    const request = (secure ? httpsRequest : httpRequest)(target, {
      method: options.method,
      headers: options.body === undefined ? options.headers : { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) },
      agent: secure ? agents.https : agents.http,
      signal: options.signal,
    });
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy(new ExchangeError('slow'));
    }, options.timeoutMs);
    const fail = () => {
      clearTimeout(timer);
      reject(new ExchangeError(timedOut ? 'slow' : 'down'));
    };
    request.on('error', fail);
    request.on('response', (response) => {
      response.on('error', fail);
      readLimited(response, options.maxBytes).then(
        (raw) => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, raw });
        },
        fail,
      );
    });
    request.end(options.body);
  });
}
