import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildPlatform, DEFAULT_REQUEST_TIMEOUT_MS, startPlatform } from '../platform';

const SEED = { locks: 5, historyDays: 0 };

describe('request timeout', () => {
  it('is 30 s by default (headers included), not Fastify’s 0 = never', async () => {
    const { app } = await buildPlatform({ dbPath: ':memory:', simulator: false, seed: SEED });
    try {
      expect(DEFAULT_REQUEST_TIMEOUT_MS).toBe(30_000);
      expect(app.server.requestTimeout).toBe(30_000);
      expect(app.server.headersTimeout).toBeLessThanOrEqual(30_000);
      expect(app.server.headersTimeout).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('answers 408 {status: 0, msg} and closes a body trickled one byte at a time', async () => {
    const timeoutMs = 1000;
    const platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: SEED, requestTimeoutMs: timeoutMs });
    const { port } = new URL(platform.url);
    const started = Date.now();
    let trickle: NodeJS.Timeout | undefined;
    try {
      const answer = await new Promise<{ text: string; afterMs: number; bytesSent: number }>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port: Number(port) });
        const body = JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(200) });
        let sent = 0;
        let text = '';
        socket.write(`POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
        // One byte every 100 ms: the whole body would take over 20 s.
        trickle = setInterval(() => {
          if (sent < body.length && socket.writable) socket.write(body[sent++] ?? '');
        }, 100);
        socket.on('data', (chunk) => (text += chunk.toString('utf8')));
        socket.on('error', () => undefined);
        const deadline = setTimeout(() => {
          socket.destroy();
          reject(new Error('the server held the request for 10 s'));
        }, 10_000);
        socket.on('close', () => {
          clearTimeout(deadline);
          resolve({ text, afterMs: Date.now() - started, bytesSent: sent });
        });
      });
      expect(answer.text).toMatch(/^HTTP\/1\.1 408 /);
      expect(JSON.parse(answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4))).toEqual({ status: 0, msg: expect.any(String) });
      expect(answer.bytesSent).toBeGreaterThan(0);
      expect(answer.afterMs).toBeGreaterThanOrEqual(timeoutMs);
      // Node checks on an interval: a quarter of the timeout here.
      expect(answer.afterMs).toBeLessThan(3 * timeoutMs);
    } finally {
      clearInterval(trickle);
      await platform.close();
    }
  }, 20_000);
});
