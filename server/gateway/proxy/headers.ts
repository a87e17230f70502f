import type { IncomingHttpHeaders } from 'node:http';

/** The headers among `names` that `headers` has, and only those. */
export function pickHeaders(headers: IncomingHttpHeaders, names: readonly string[]): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const name of names) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}
