import { describe, expect, it } from 'vitest';
import { PAGE_PATHS } from '../../../contract/page-paths';
import { ssrRouteOf } from '../../../src/entry-server';
import { RENDERED_PAGES, type RenderedPage } from '../route-table';

/** A page's path with its parameters filled in, as a browser asks for it. */
const addressOf = (path: string) => path.replace(/:\w+/g, 'EM%2001');

describe('the rendered pages of the route table', () => {
  it('are the pages the SPA\'s server renderer renders (src/entry-server.tsx ssrRouteOf), and no other', () => {
    for (const [name, page] of Object.entries(RENDERED_PAGES)) expect(ssrRouteOf(addressOf(page.path)), page.path).toBe(name as RenderedPage);
    const rendered: string[] = Object.values(RENDERED_PAGES).map((page) => page.path);
    for (const path of Object.values(PAGE_PATHS).filter((p) => !rendered.includes(p))) expect(ssrRouteOf(addressOf(path)), path).toBeNull();
  });
});
