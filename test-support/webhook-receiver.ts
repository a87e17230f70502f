import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  /** The `webhook-id` header (the message id, stable across retries). */
  id: string;
  /** The parsed JSON body (null when it was not JSON). */
  body: unknown;
  raw: string;
  headers: IncomingHttpHeaders;
  /** Whether the Standard Webhooks signature checked out with the receiver's secret. */
  verified: boolean;
  /** The status the receiver answered (null: it hung). */
  answered: number | null;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:port/hook */
  url: string;
  /** The signing secret (whsec_…) the sender must use. */
  secret: string;
  /**
   * Checks requests from now on with `secret` instead: for a sender that makes the secret itself
   * (a webhook contact's secret is shown once, after the receiver's URL was given to it).
   */
  useSecret(secret: string): void;
  received: ReceivedWebhook[];
  /** Answers `status` to the next `times` requests (then 200 again). */
  failNext(status: number, times?: number): void;
  /** Never answers the next `times` requests (until close). */
  hangNext(times?: number): void;
  waitFor(pred: (hook: ReceivedWebhook) => boolean, timeoutMs?: number): Promise<ReceivedWebhook>;
  close(): Promise<void>;
}

function verify(secret: string, raw: string, headers: IncomingHttpHeaders): boolean {
  try {
    new Webhook(secret).verify(raw, {
      'webhook-id': String(headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(headers['webhook-signature'] ?? ''),
    });
    return true;
  } catch {
    return false;
  }
}

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

/**
 * A real webhook receiver on 127.0.0.1, port 0, that checks each request's Standard Webhooks
 * signature, records it, and can be told to fail or hang.
 */
export async function startWebhookReceiver(initialSecret = `whsec_${randomBytes(24).toString('base64')}`): Promise<WebhookReceiver> {
  let secret = initialSecret;
  const received: ReceivedWebhook[] = [];
  const plan: ('hang' | number)[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const next = plan.shift() ?? 200;
      const hook: ReceivedWebhook = {
        id: String(request.headers['webhook-id'] ?? ''),
        body: parse(raw),
        raw,
        headers: request.headers,
        verified: verify(secret, raw, request.headers),
        answered: next === 'hang' ? null : next,
      };
      received.push(hook);
      if (next === 'hang') return void hanging.push(response);
      response.writeHead(next, { 'content-type': 'text/plain' }).end(next < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    get secret() {
      return secret;
    },
    useSecret: (next) => {
      secret = next;
    },
    received,
    failNext: (status, times = 1) => plan.push(...Array<number>(times).fill(status)),
    hangNext: (times = 1) => plan.push(...Array<'hang'>(times).fill('hang')),
    async waitFor(pred, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(pred);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No matching webhook within ${timeoutMs} ms (${received.length} received)`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
