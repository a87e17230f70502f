import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { connectGuard, refusedAddress, type WebhookAllowList } from './address-guard';

/** What one attempt came to; `detail` is shown in the delivery log (never a secret, never a body). */
export interface AttemptResult {
  ok: boolean;
  status_code: number | null;
  detail: string;
}

export interface PostOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  allow: WebhookAllowList;
  timeoutMs: number;
}

/** Read at most this much of a receiver's answer (then stop): enough to drain, never kept or logged. */
const MAX_RESPONSE_BYTES = 4096;

function readSome(response: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    response.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > MAX_RESPONSE_BYTES) {
        response.destroy();
        resolve();
      }
    });
    response.on('end', () => resolve());
    response.on('error', () => resolve());
    response.on('close', () => resolve());
  });
}

function statusDetail(status: number): string {
  if (status >= 200 && status < 300) return `Delivered (HTTP ${status})`;
  if (status >= 300 && status < 400) return `The receiver answered HTTP ${status} (a redirect, which is not followed)`;
  return `The receiver answered HTTP ${status}`;
}

function errorDetail(error: NodeJS.ErrnoException, host: string): string {
  if (error.code === 'EWEBHOOKREFUSED') return `Refused: ${error.message}`;
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return `${host} could not be found (DNS)`;
  return `Could not connect to ${host} (${error.code ?? error.message})`;
}

/** Why the URL cannot be posted to before any connection is made, or null. */
function refusedBeforeConnect(url: URL, allow: WebhookAllowList): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Refused: the address must start with https:// or http://';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Node does not call `lookup` for an IP literal: judge the literal here.
  if (isIP(host)) {
    const refused = refusedAddress(host, host, allow);
    return refused ? `Refused: ${refused}` : null;
  }
  return null;
}

/**
 * POSTs a body to a webhook receiver: internal addresses refused (before and after DNS), no
 * redirects followed, a deadline on the whole exchange. 2xx is delivered; anything else fails.
 */
export function postJson(options: PostOptions): Promise<AttemptResult> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return Promise.resolve({ ok: false, status_code: null, detail: 'The address is not a valid URL' });
  }
  const refused = refusedBeforeConnect(url, options.allow);
  if (refused) return Promise.resolve({ ok: false, status_code: null, detail: refused });
  const host = url.hostname;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: AttemptResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = send(url, {
      method: 'POST',
      headers: { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) },
      lookup: connectGuard(options.allow) as never,
      // One connection per message: a pooled socket would skip the address check of a new one.
      agent: false,
    });
    const timer = setTimeout(() => {
      finish({ ok: false, status_code: null, detail: `The receiver did not answer within ${Math.round(options.timeoutMs / 100) / 10} s` });
      req.destroy();
    }, options.timeoutMs);
    req.on('response', (response) => {
      const status = response.statusCode ?? 0;
      void readSome(response).then(() => finish({ ok: status >= 200 && status < 300, status_code: status, detail: statusDetail(status) }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, status_code: null, detail: errorDetail(error, host) }));
    req.end(options.body);
  });
}
