import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * DESIGN.md, Security: a strict Content-Security-Policy (scripts only from our origin, pictures
 * from our origin, data: and the upstream's origin), nosniff, no referrer; HSTS and
 * upgrade-insecure-requests only when served over https, so plain-http use on a LAN still works.
 */
export function contentSecurityPolicy(options: { https: boolean; imageOrigins: string[] }): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    // <style> elements by the page's nonce only (withStyleNonce); style attributes (a battery bar's width) are harmless.
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    ["img-src 'self' data:", ...options.imageOrigins].join(' '),
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (options.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** Applies to every route of `app` (call it on the root instance, not through register). */
export async function securityHeaders(app: FastifyInstance, options: { imageOrigins: string[] }) {
  await app.register(helmet, {
    contentSecurityPolicy: false,
    hsts: false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  const policies = {
    http: contentSecurityPolicy({ https: false, imageOrigins: options.imageOrigins }),
    https: contentSecurityPolicy({ https: true, imageOrigins: options.imageOrigins }),
  };
  const isHttps = (request: FastifyRequest) => request.protocol === 'https';
  app.addHook('onRequest', async (request, reply) => {
    const https = isHttps(request);
    reply.header('content-security-policy', https ? policies.https : policies.http);
    if (https) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}

/**
 * The policy of one page, whose `<style>` elements (its critical CSS, the lock table's column plan)
 * carry `nonce` (server/gateway/spa.ts draws one per page; src/lib/style-nonce.ts).
 */
export function withStyleNonce(policy: string, nonce: string): string {
  return policy.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`);
}
