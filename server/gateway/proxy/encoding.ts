import type { FastifyRequest } from 'fastify';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

/** Answers smaller than this go uncompressed (here and in app.ts's @fastify/compress). */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/** Brotli at a quality that costs little per answer (here and in app.ts's @fastify/compress). */
export const BROTLI_OPTIONS = { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } };

export type BodyEncoding = 'br' | 'gzip';

/** The encoding to send a stored body in: br, else gzip, else none (a `;q=0` refuses one). */
export function acceptedEncoding(request: FastifyRequest): BodyEncoding | null {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string') return null;
  const accepted = new Set(
    header
      .toLowerCase()
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(q))
      .map(([name]) => name?.trim()),
  );
  return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : null;
}

/** `text` compressed as `encoding` would send it. */
export function compressText(text: string, encoding: BodyEncoding): Buffer {
  return encoding === 'br' ? brotliCompressSync(text, BROTLI_OPTIONS) : gzipSync(text);
}
