import type { FastifyInstance } from 'fastify';

/** How long requests already under way may take to finish once the server is stopping. */
export const STOP_GRACE_MS = 1_000;

/**
 * Makes `app.close()` prompt, whatever its clients do. Node's `server.close()` waits for every open
 * connection: a request under way (a slow upstream, a streamed page) holds it until it ends, and a
 * keep-alive connection whose answer was already on its way when the server began to stop stays
 * open, idle, for the whole keep-alive timeout (72 s in Fastify). So: idle connections close at
 * once, requests under way get `graceMs` to finish, and then every connection left is closed.
 */
export function stopPromptly(app: FastifyInstance, graceMs = STOP_GRACE_MS): void {
  let stopping = false;
  app.addHook('preClose', (done) => {
    stopping = true;
    const server = app.server;
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    // Open connections keep the process alive, not this timer (a server that never listened has none).
    timer.unref();
    server.once('close', () => clearTimeout(timer));
    done();
  });
  // Each answer that ends meanwhile ends its connection too, rather than leaving it idle.
  app.addHook('onResponse', (_request, _reply, done) => {
    if (stopping) setImmediate(() => app.server.closeIdleConnections());
    done();
  });
}
