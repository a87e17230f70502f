import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { LRUCache } from 'lru-cache';
import { type BodyEncoding, compressText } from './encoding';

/** At most this many answers are remembered per gateway. */
export const MAX_STORED_ANSWERS = 10_000;
/** Stored bodies and their compressed copies, all answers together, stay under this many bytes. */
export const MAX_STORED_BYTES = 32 * 1024 * 1024;
/** A body longer than this is not kept (its ETag is: a poll of it can still be a 304). */
export const MAX_STORED_BODY_BYTES = 512 * 1024;
export interface StoredAnswer {
  etag: string;
  /** The stripped body, or null when it was too long to keep. */
  text: string | null;
  compressed: { br?: Buffer; gzip?: Buffer };
}

export interface AnswerStoreLimits {
  maxAnswers: number;
  maxBytes: number;
  maxBodyBytes: number;
}

const DEFAULT_LIMITS: AnswerStoreLimits = { maxAnswers: MAX_STORED_ANSWERS, maxBytes: MAX_STORED_BYTES, maxBodyBytes: MAX_STORED_BODY_BYTES };

/** What an entry holds, counted as the store's limit counts it (never 0: lru-cache wants a positive size). */
function sizeOf(entry: StoredAnswer): number {
  const { text, compressed, etag } = entry;
  return etag.length + (text?.length ?? 0) + (compressed.br?.length ?? 0) + (compressed.gzip?.length ?? 0);
}

/** A hash of what decides the body read from an answer: its bytes, and how they are labelled. */
export function rawHashOf(raw: Buffer, headers: IncomingHttpHeaders): string {
  return createHash('sha1')
    .update(String(headers['content-type'] ?? ''))
    .update('\n')
    .update(String(headers['content-encoding'] ?? ''))
    .update('\n')
    .update(raw)
    .digest('base64url');
}

/**
 * What the browser got for an upstream answer, by a hash of the answer's raw bytes: its ETag and,
 * for a GET of a modest size, the stripped body itself. Stripping depends on the bytes alone, so the
 * same bytes always give the same answer: an unchanged poll is a 304, and a dashboard that has not
 * seen the page yet (thousands of dashboards poll the same first page) is sent the stored body,
 * without parsing, stripping and re-serialising it again. The least recently used entries go first;
 * stored bodies are bounded by their total size. No age limit: an entry cannot go stale, since its
 * key is the bytes themselves. One store per gateway (proxy-plugin.ts), never shared between gateways.
 */
export class AnswerStore {
  private readonly entries: LRUCache<string, StoredAnswer>;
  private readonly maxBodyBytes: number;

  constructor(limits: AnswerStoreLimits = DEFAULT_LIMITS) {
    this.entries = new LRUCache({ max: limits.maxAnswers, maxSize: limits.maxBytes, sizeCalculation: sizeOf });
    this.maxBodyBytes = limits.maxBodyBytes;
  }

  get(rawHash: string): StoredAnswer | undefined {
    return this.entries.get(rawHash);
  }

  set(rawHash: string, etag: string, text: string | null): void {
    const kept = text !== null && text.length <= this.maxBodyBytes ? text : null;
    this.entries.set(rawHash, { etag, text: kept, compressed: {} });
  }

  /** The stored body compressed with `encoding`, made once (brotli costs more than the rest of a poll). */
  compressed(rawHash: string, entry: StoredAnswer, encoding: BodyEncoding): Buffer | null {
    if (entry.text === null) return null;
    const made = entry.compressed[encoding];
    if (made) return made;
    const body = compressText(entry.text, encoding);
    // Set again: lru-cache sizes an entry when it is set, and the compressed copy counts too.
    this.entries.set(rawHash, { ...entry, compressed: { ...entry.compressed, [encoding]: body } });
    return body;
  }

  /** The bytes held, as the limit counts them. */
  get size(): number {
    return this.entries.calculatedSize;
  }

  /** How many answers are held. */
  get count(): number {
    return this.entries.size;
  }
}
