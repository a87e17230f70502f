import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, getJson, withQuery } from './client';

let server: Server;
let base = '';
const answers: Record<string, { status: number; body: string }> = {
  '/ok': { status: 200, body: JSON.stringify({ status: 1, msg: '', value: 3 }) },
  '/status0': { status: 200, body: JSON.stringify({ status: 0, msg: 'Your platform account is suspended' }) },
  '/status0-nomsg': { status: 200, body: JSON.stringify({ status: 0 }) },
  '/bad-gateway': { status: 502, body: JSON.stringify({ status: 0, msg: 'The Plus Platform cannot be reached right now' }) },
  '/html': { status: 200, body: '<html>oops</html>' },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = answers[req.url ?? ''] ?? { status: 404, body: '{}' };
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failure(path: string): Promise<ApiError> {
  try {
    await getJson(`${base}${path}`);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('the HTTP client', () => {
  it('returns the envelope of a status 1 answer', async () => {
    expect(await getJson(`${base}/ok`)).toEqual({ status: 1, msg: '', value: 3 });
  });

  it('treats status 0 with HTTP 200 as an error carrying msg', async () => {
    const error = await failure('/status0');
    expect(error.message).toBe('Your platform account is suspended');
    expect(error.status).toBe(200);
    expect((await failure('/status0-nomsg')).message).toMatch(/failure without saying why/);
  });

  it('keeps the gateway msg of a 502', async () => {
    const error = await failure('/bad-gateway');
    expect(error.message).toBe('The Plus Platform cannot be reached right now');
    expect(error.status).toBe(502);
  });

  it('says so when the answer is not JSON, or when nothing answers', async () => {
    expect((await failure('/html')).message).toMatch(/unreadable answer \(HTTP 200\)/);
    const error = await getJson('http://127.0.0.1:1/nothing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
  });

  it('builds query strings without empty values', () => {
    expect(withQuery('/api/locks', { pagenumber: 1, limit: 25, searchkey: '', online: undefined, q: 'a b&c' })).toBe(
      '/api/locks?pagenumber=1&limit=25&q=a+b%26c',
    );
  });
});
