import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http/errors';

// From the module's own path (a string): also right where URL is not Node's (jsdom component tests).
const IMAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'product_images') + '/';
const FILE_NAME = /^[a-z0-9][a-z0-9_.-]{0,80}\.jpg$/;

/** `GET /api/uploads/product_images/<file>.jpg`: the lock pictures (public, cacheable). */
export function registerUploadRoutes(app: FastifyInstance): void {
  const cache = new Map<string, Buffer>();
  app.get<{ Params: { file: string } }>('/api/uploads/product_images/:file', { config: { platformAccess: 'public' } }, async (request, reply) => {
    const { file } = request.params;
    if (!FILE_NAME.test(file)) throw new HttpError(404, `No picture ${file}`);
    let body = cache.get(file);
    if (!body) {
      try {
        body = await readFile(IMAGES_DIR + file);
      } catch {
        throw new HttpError(404, `No picture ${file}`);
      }
      cache.set(file, body);
    }
    return reply
      .header('content-type', 'image/jpeg')
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  });
}
