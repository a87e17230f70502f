import Fastify from 'fastify';
import compress from '@fastify/compress';
import { Readable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { PublicError, installErrorHandler } from './errors';

const app = Fastify();
installErrorHandler(app);
afterEach(() => app.close());

it('answers a download that fails before its first byte with its reason as JSON, not as a file', async () => {
  app.get('/file.csv', async (_request, reply) => {
    const failed = new PublicError(502, 'The export stopped at page 2: Database busy');
    const file = new Readable({ read: () => file.destroy(failed) });
    reply.header('content-disposition', 'attachment; filename="file.csv"');
    return reply.type('text/csv; charset=utf-8').send(file);
  });
  const response = await app.inject({ url: '/file.csv' });
  expect(response.statusCode).toBe(502);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.headers['content-disposition']).toBeUndefined();
  expect(response.json()).toEqual({ status: 0, msg: 'The export stopped at page 2: Database busy' });
});

it('drops the compression the failed download had put on the answer: its JSON is sent as it is, and reads as JSON', async () => {
  const compressed = Fastify();
  installErrorHandler(compressed);
  await compressed.register(compress, { globalDecompression: false, encodings: ['gzip'] });
  compressed.get('/file.csv', async (_request, reply) => {
    const failed = new PublicError(502, 'The export stopped at page 2: Database busy');
    const file = new Readable({ read: () => file.destroy(failed) });
    return reply.type('text/csv; charset=utf-8').send(file);
  });
  try {
    const response = await compressed.inject({ url: '/file.csv', headers: { 'accept-encoding': 'gzip' } });
    expect(response.statusCode).toBe(502);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.json()).toEqual({ status: 0, msg: 'The export stopped at page 2: Database busy' });
  } finally {
    await compressed.close();
  }
});
