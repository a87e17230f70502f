import type { IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/**
 * The one reader of the platform's answers, for the /api relay (proxy/json-relay.ts) and the gateway's own
 * requests (upstream.ts) alike: both hand it the status, headers and raw bytes, so that what one
 * path accepts the other accepts too.
 *
 * Lenient, as a browser is with HTML, about what real hosts get wrong around a JSON body: any or no
 * Content-Type, a charset in any case (or another charset the runtime can decode), a byte-order
 * mark, whitespace or NULs around the body, an anti-XSSI prefix (`)]}'`), a gzip, deflate or brotli
 * body sent although `identity` was asked for (and a body labelled so that is plain), and envelope
 * numbers sent as strings (`status: "1"`, `totalCount: "237"`), which come out as numbers.
 * Not JSON, whatever the headers say: an HTML or text page, a truncated or empty body, an encoding
 * it cannot undo, a body over the size limit (a host's sign-in page is told apart: signed-out.ts).
 */
export const MAX_ANSWER_BYTES = 20 * 1024 * 1024;

export type UpstreamAnswer =
  | { kind: 'json'; body: unknown }
  /** 204/205: nothing to read, nothing wrong. */
  | { kind: 'empty' }
  /** Not JSON; `signInPage` when it is a web page with a password field (a host's sign-in page). */
  | { kind: 'not-json'; signInPage: boolean };

const ENVELOPE_NUMBERS = ['status', 'totalCount', 'totalPage', 'currentPage'] as const;
const XSSI_PREFIX = /^\)\]\}'?,?\s*/;

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value.join(', ') : (value ?? '')).toLowerCase();
}

/** Undoes the Content-Encoding(s), last applied first; null when one cannot be undone. */
function decode(raw: Buffer, contentEncoding: string): Buffer | null {
  const codings = contentEncoding.split(',').map((c) => c.trim()).filter((c) => c && c !== 'identity');
  let bytes = raw;
  const options = { maxOutputLength: MAX_ANSWER_BYTES };
  for (const coding of codings.reverse()) {
    try {
      if (coding === 'gzip' || coding === 'x-gzip') bytes = gunzipSync(bytes, options);
      else if (coding === 'br') bytes = brotliDecompressSync(bytes, options);
      else if (coding === 'deflate') bytes = inflateOrRaw(bytes);
      else return null;
    } catch {
      return null;
    }
  }
  return bytes;
}

/** `deflate` should be zlib-wrapped; some servers send raw deflate (browsers accept both). */
function inflateOrRaw(bytes: Buffer): Buffer {
  try {
    return inflateSync(bytes, { maxOutputLength: MAX_ANSWER_BYTES });
  } catch {
    return inflateRawSync(bytes, { maxOutputLength: MAX_ANSWER_BYTES });
  }
}

function charsetOf(contentType: string): string {
  return /charset\s*=\s*"?([\w.:-]+)/.exec(contentType)?.[1] ?? 'utf-8';
}

/** Bytes → text: a byte-order mark decides, else the declared charset when known, else UTF-8. */
function textOf(bytes: Buffer, contentType: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charsetOf(contentType));
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  // TextDecoder drops a UTF-8 byte-order mark itself.
  return decoder.decode(bytes);
}

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  const trimmed = text.replace(/^[\s\uFEFF\0]+|[\s\0]+$/g, '').replace(XSSI_PREFIX, '');
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown };
  } catch {
    return { ok: false };
  }
}

/** `status`, `totalCount`, `totalPage`, `currentPage` sent as numeric strings become numbers. */
function withEnvelopeNumbers(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const body = value as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  for (const field of ENVELOPE_NUMBERS) {
    const raw = body[field];
    if (typeof raw === 'string' && /^\s*\d+(\.0+)?\s*$/.test(raw)) {
      out ??= { ...body };
      out[field] = Number(raw);
    }
  }
  return out ?? body;
}

/** A web page asking for a password: what a host that sends the signed-out to sign in answers. */
function isSignInPage(text: string): boolean {
  return /<(!doctype html|html|body|form)\b/i.test(text) && /<input\b[^>]*\btype\s*=\s*["']?password\b/i.test(text);
}

/** Reads an answer of the platform (raw null: larger than the limit). */
export function readAnswer(status: number, headers: IncomingHttpHeaders, raw: Buffer | null): UpstreamAnswer {
  if (status === 204 || status === 205) return { kind: 'empty' };
  if (raw === null) return { kind: 'not-json', signInPage: false };
  const contentType = header(headers, 'content-type');
  const decoded = decode(raw, header(headers, 'content-encoding'));
  // A body labelled compressed that is not (or not as labelled) is read as it came.
  const candidates = decoded && decoded !== raw ? [decoded, raw] : [raw];
  const texts = candidates.map((bytes) => textOf(bytes, contentType));
  for (const text of texts) {
    const parsed = parse(text);
    if (parsed.ok) return { kind: 'json', body: withEnvelopeNumbers(parsed.value) };
  }
  return { kind: 'not-json', signInPage: isSignInPage(texts[0] ?? '') };
}
