// `npx tsx bench/row-markup.ts`: the HTML of the locks table for 25 rows of the demo fleet, as React's
// server renderer writes it from the real components, and where its bytes go. The server-rendered first
// screen (issue 12) sends this markup: DESIGN's budget for it is < 40 KB for 25 rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ReactNode } from 'react';
import { register } from 'tsx/esm/api';
import { startPlatform } from '../server/platform/platform';
import type * as ReactModule from 'react';
import type * as ReactDomServerModule from 'react-dom/server';
import type * as RouterModule from 'react-router';
import type * as QueryModule from '@tanstack/react-query';
import type * as LocksApiModule from '../src/api/locks';
import type { Lock } from '../src/api/locks';
import type * as LocksTableFixtureModule from '../src/features/locks/locks-table-fixture';
import type * as IconsModule from '../src/components/icons';
import type * as LocksTableModule from '../src/features/locks/locks-table';

// The SPA's modules import each other as `@/…` (tsconfig paths): load them with the SPA's tsconfig.
const spa = register({ namespace: 'spa', tsconfig: fileURLToPath(new URL('../tsconfig.app.json', import.meta.url)) });
// React, the router and the query client from the same loader as the components (one copy of each).
const { createElement } = (await spa.import('react', import.meta.url)) as typeof ReactModule;
const { renderToString } = (await spa.import('react-dom/server', import.meta.url)) as typeof ReactDomServerModule;
const { MemoryRouter } = (await spa.import('react-router', import.meta.url)) as typeof RouterModule;
const { QueryClient, QueryClientProvider } = (await spa.import('@tanstack/react-query', import.meta.url)) as typeof QueryModule;
const icons = (await spa.import('../src/components/icons.tsx', import.meta.url)) as Partial<typeof IconsModule>;
const { parseLockPage } = (await spa.import('../src/api/locks.ts', import.meta.url)) as typeof LocksApiModule;
const { LocksTable } = (await spa.import('../src/features/locks/locks-table.tsx', import.meta.url)) as typeof LocksTableModule;
const { locksTableProps } = (await spa.import('../src/features/locks/locks-table-fixture.ts', import.meta.url)) as typeof LocksTableFixtureModule;

export const ROW_MARKUP_BUDGET_BYTES = 40 * 1024;

export interface Contributor {
  name: string;
  bytes: number;
}

export interface RowMarkupFigures {
  role: 'manager' | 'support';
  rows: number;
  /** What the rows cost a page: the whole table (header, its column plan, 25 rows) and the icon sprite they refer to. */
  bytes: number;
  /** Of which the icon sprite (rendered once per page, by AppRoutes; 0 while icons are inline). */
  spriteBytes: number;
  /** `bytes` gzipped (level 6), for scale: repeated markup compresses well. */
  gzipBytes: number;
  perRow: number;
  contributors: Contributor[];
}

/** Page 1 at limit 25 of the embedded platform's demo fleet (frozen), parsed as the SPA parses it. */
export async function demoLocks(limit = 25): Promise<Lock[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-row-markup-'));
  const platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, seed: { historyDays: 0 } });
  try {
    const login = await fetch(`${platform.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'manager@lockboard.local', password: 'lockboard-manager' }),
    });
    const { token } = (await login.json()) as { token: string };
    const response = await fetch(`${platform.url}/api/locks?pagenumber=1&limit=${limit}`, { headers: { authorization: `Bearer ${token}` } });
    const page = parseLockPage((await response.json()) as Record<string, unknown>, { pagenumber: 1, limit });
    return page.locks;
  } finally {
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The table as the locks page renders it for this role (default columns, desktop plan), as HTML. */
export function renderLocksTable(locks: Lock[], role: 'manager' | 'support'): string {
  const props = locksTableProps(locks, role);
  const queryClient = new QueryClient();
  const tree: ReactNode = createElement(
    QueryClientProvider,
    { client: queryClient },
    createElement(MemoryRouter, { initialEntries: ['/locks'] }, createElement(LocksTable, props)),
  );
  return renderToString(tree);
}

const bytesOf = (s: string) => Buffer.byteLength(s, 'utf8');
const sumMatches = (html: string, re: RegExp) => [...html.matchAll(re)].reduce((n, m) => n + bytesOf(m[0]), 0);

/** Where the bytes go: overlapping views (an SVG's class attribute counts in both), largest first. */
export function contributors(html: string): Contributor[] {
  const body = html.slice(html.indexOf('<tbody'));
  const list: Contributor[] = [
    { name: 'inline SVG (<svg>…</svg>)', bytes: sumMatches(html, /<svg[\s\S]*?<\/svg>/g) },
    { name: 'class attributes', bytes: sumMatches(html, / class="[^"]*"/g) },
    { name: 'style attributes', bytes: sumMatches(html, / style="[^"]*"/g) },
    { name: 'data-* attributes', bytes: sumMatches(html, / data-[\w-]+(="[^"]*")?/g) },
    { name: 'aria-* / role / title attributes', bytes: sumMatches(html, / (aria-[\w-]+|role|title)="[^"]*"/g) },
    { name: 'screen-reader-only text (.sr-only spans)', bytes: sumMatches(html, /<span class="sr-only">[^<]*<\/span>/g) },
    { name: 'details rows (hidden until opened)', bytes: sumMatches(body, /<tr class="lock-details"[\s\S]*?<\/tr>/g) },
    { name: "React's text separators (<!-- -->)", bytes: sumMatches(html, /<!-- -->/g) },
    { name: 'visible text', bytes: bytesOf(html.replace(/<[^>]*>/g, '')) },
  ];
  // Per column: the cells of each data-col in the rows (the header row left out).
  const cols = new Map<string, number>();
  for (const m of body.matchAll(/<(td|th)([^>]*) data-col="([\w-]+)"[\s\S]*?<\/\1>/g)) {
    cols.set(m[3] ?? '', (cols.get(m[3] ?? '') ?? 0) + bytesOf(m[0]));
  }
  for (const [col, bytes] of cols) list.push({ name: `cells of column "${col}"`, bytes });
  return list.sort((a, b) => b.bytes - a.bytes);
}

/** The page's one icon sprite, when there is one (icons.tsx). */
export function renderSprite(): string {
  return icons.IconSprite ? renderToString(createElement(icons.IconSprite)) : '';
}

export async function benchRowMarkup(): Promise<RowMarkupFigures[]> {
  const locks = await demoLocks(25);
  const sprite = renderSprite();
  return (['manager', 'support'] as const).map((role) => {
    const html = renderLocksTable(locks, role) + sprite;
    const bytes = bytesOf(html);
    const spriteBytes = bytesOf(sprite);
    const list = contributors(html);
    if (spriteBytes) list.push({ name: 'the icon sprite (once per page)', bytes: spriteBytes });
    return {
      role,
      rows: locks.length,
      bytes,
      spriteBytes,
      gzipBytes: gzipSync(html).length,
      perRow: (bytes - spriteBytes) / locks.length,
      contributors: list.sort((a, b) => b.bytes - a.bytes),
    };
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await benchRowMarkup()) {
    console.log(
      `\n${f.role}: ${f.rows} rows = ${kb(f.bytes)} (${f.bytes} B, ${kb(f.gzipBytes)} gzip; sprite ${f.spriteBytes} B), ${Math.round(f.perRow)} B a row — budget < ${kb(ROW_MARKUP_BUDGET_BYTES)}`,
    );
    for (const c of f.contributors) {
      console.log(`  ${c.name.padEnd(44)} ${kb(c.bytes).padStart(9)}  ${((100 * c.bytes) / f.bytes).toFixed(0).padStart(3)} %`);
    }
  }
  if (process.argv.includes('--html')) console.log(renderLocksTable(await demoLocks(25), 'manager'));
}
