import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorBody } from '../../contract/envelope';
import { type SsrContext, loadServerRenderer, serverRender } from './ssr/render';

/**
 * The built SPA: hashed assets cached for a year, everything else revalidated; any other
 * GET that wants HTML gets index.html (history fallback) so deep links and reloads work.
 */
export async function spaPlugin(app: FastifyInstance, options: { root: string | null; ssr?: Omit<SsrContext, 'renderer'> }) {
  const root = options.root && existsSync(join(options.root, 'index.html')) ? options.root : null;
  // The server renderer built beside the SPA (dist/server/), when there is one: the locks and
  // sign-in pages then arrive rendered, with their data (ssr/render.ts).
  const renderer = root && options.ssr ? await loadServerRenderer(root) : null;
  const ssr: SsrContext | null = renderer && options.ssr ? { ...options.ssr, renderer } : null;
  const shell = root ? await readFile(join(root, 'index.html'), 'utf8') : '';
  if (root) {
    await app.register(fastifyStatic, {
      root,
      wildcard: true,
      // The server renderer is the gateway's code, not the browser's.
      allowedPath: (pathName) => !pathName.startsWith('/server/') && pathName !== '/server',
      // The build writes .br and .gz beside each asset (vite.config.ts): nothing is compressed per request.
      preCompressed: true,
      setHeaders: (reply, path) => {
        reply.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    // A refused, non-canonical address (access.ts) gets the app's not-found page with a 400.
    const refused = request.raw.refusedTarget !== undefined;
    if (request.url.startsWith('/api/') || !wantsHtml || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return reply.code(404).send(errorBody(`Not found: ${request.method} ${request.url.split('?')[0]}`));
    }
    if (!root) {
      return reply.code(503).type('text/plain').send('The Lockboard web app is not built yet: run `npm run build`.');
    }
    reply.header('cache-control', 'no-cache');
    if (ssr && !refused && request.method === 'GET') {
      const outcome = await serverRender(ssr, request, shell);
      if (outcome.kind === 'redirect') return reply.redirect(outcome.location, 302);
      if (outcome.kind === 'page') {
        // Rendered for this session: never kept by a shared cache.
        reply.header('cache-control', 'private, no-store');
        return reply.code(200).type('text/html; charset=utf-8').send(outcome.html);
      }
    }
    // Read and sent as is rather than with reply.sendFile: a refused target reaches this handler from
    // the access check's context, where @fastify/static's decorator does not exist (it was a 500).
    const html = await readFile(join(root, 'index.html'));
    return reply.code(refused ? 400 : 200).type('text/html; charset=utf-8').send(html);
  });
}
