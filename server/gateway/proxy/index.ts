/** The /api relay to the upstream Plus Platform (proxy-plugin.ts), and what the rest of the gateway shares with it. */
export { proxyPlugin } from './proxy-plugin';
export type { AuditedOutcome, ProxyOptions } from './proxy-options';
export { endRejectedSession } from './end-rejected-session';
export { BROTLI_OPTIONS, COMPRESS_THRESHOLD_BYTES, acceptedEncoding } from './encoding';
export { etagOf } from './etag';
