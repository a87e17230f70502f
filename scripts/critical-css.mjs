// The critical CSS: the rules of the built stylesheet that the first screen of each entry route needs,
// computed once at build time (the SSR build of `npm run build` and scripts/spa-build.mjs call it) and
// written to dist/critical.css. The gateway puts it in the shell's <head> at start-up
// (server/gateway/spa.ts) and loads the full sheet without blocking the first paint.
//
// How a rule is chosen (it is kept whole, inside its @layer/@media/@supports, so the cascade is the
// full sheet's):
//  - it matches an element of a page rendered with the built server renderer (dist/server/) from fixed
//    sample data: the locks page for a manager and for support, a lock's page, Activity and the
//    sign-in page (each tried, kept when the renderer renders it);
//  - or each of its classes appears in the sources of what the browser adds to a first screen itself
//    (the alerts menu in the header, the live status when paused): Tailwind generated the rule from
//    those very tokens;
//  - or it has no class at all (the preflight: html, body, table, button…), or it is not a style rule
//    (@property, @keyframes, the theme's variables).
// States a static page cannot be in (:hover, :focus-visible, ::before…) are matched without them, and
// every @media is kept with its rules, so phone and desktop, light and dark are all covered.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import postcss from 'postcss';

export const CRITICAL_CSS_FILE = 'critical.css';

/**
 * What the browser renders into a server-rendered first screen itself: the alerts menu the layout
 * loads lazily into the header of every page as it starts, and the live-status line's other states
 * (paused, refreshing), a click away on every live page (these files and the SPA modules they import).
 * Every first screen the gateway serves is server-rendered now (the sample pages below); a route it
 * does not render waits for the full sheet before the app draws it (src/main.tsx).
 */
const CLIENT_FIRST_SCREENS = ['src/features/alerts/alerts-header.tsx', 'src/components/live-status.tsx'];

/** Pseudo-classes and -elements a page at rest is not in: dropped before matching a selector. */
const DYNAMIC_PSEUDO =
  /::?(?:hover|focus|focus-visible|focus-within|active|visited|target|before|after|placeholder|placeholder-shown|backdrop|marker|selection|file-selector-button|first-line|first-letter|open|popover-open|modal|autofill|user-invalid|user-valid|invalid|valid|indeterminate|checked|-webkit-[a-z-]+|-moz-[a-z-]+)(?![\w-])(?:\([^()]*\))?/g;

/** The settings the pages are rendered with: every optional upstream feature found (also the tests' sample). */
const APP_CONFIG = JSON.parse(readFileSync(new URL('../src/testing/sample-app-config.json', import.meta.url), 'utf8'));

const USERS = {
  manager: { userid: 1, name: 'Sample Manager', email: 'manager@example.invalid', role: 'manager' },
  support: { userid: 2, name: 'Sample Support', email: 'support@example.invalid', role: 'support' },
};

/** "YYYY-MM-DD HH:mm:ss", UTC, `minutes` before NOW. */
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const dateAgo = (minutes) => new Date(NOW - minutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');

/** 25 locks in every state a row can show: online/offline, locked/unlocked, battery full/low/unknown, no temperature… */
const LOCKS = Array.from({ length: 25 }, (_, i) => ({
  lockuserid: 1,
  lockid: `SAMPLE${String(i + 1).padStart(4, '0')}`,
  lockname: `Sample door ${i + 1}`,
  lock_open_status: i % 3 === 0 ? 1 : 0,
  lock_online_status: i % 4 === 3 ? 0 : 1,
  battery_level: [90, 15, null, 55, 5][i % 5],
  lock_ssid: 'sample',
  mac_address: i % 6 === 5 ? null : `AA:BB:CC:00:00:${String(i).padStart(2, '0')}`,
  temperature: i % 7 === 6 ? null : String(18 + (i % 8)),
  lock_model: i % 2 ? 'PL-200' : 'PL-100',
  online_updated_date: dateAgo(i * 37),
  lock_pic: null,
  relock_at: i === 0 ? dateAgo(-10) : null,
  lockgroups: i % 2 ? [{ groupid: 1, groupname: 'Front doors' }] : [],
}));

const EVENTS = LOCKS.slice(0, 25).map((lock, i) => ({
  eventid: 1000 - i,
  lockid: lock.lockid,
  lockname: lock.lockname,
  event_type: ['unlocked', 'locked', 'online', 'offline', 'battery_low', 'access_denied', 'access_granted', 'access_revoked'][i % 8],
  userid: i % 3 ? 7 : null,
  username: i % 3 ? 'Sample Person' : null,
  method: ['remote', 'app', 'keypad', 'fingerprint', 'card', 'system'][i % 6],
  event_date: dateAgo(i * 11),
  battery_level: i % 8 === 4 ? 12 : null,
  actor: i % 6 === 0 ? 'Sample Manager' : null,
  reason: i % 8 === 5 ? 'no_grant' : null,
}));

const list = (noun, items) => ({ status: 1, msg: 'success', totalCount: 250, totalPage: 10, currentPage: 1, [`${noun}list`]: items });

/** The sample answer of one of our GET /api/… paths, as the gateway hands it to the server renderer. */
function sampleAnswer(path) {
  const { pathname } = new URL(path, 'http://sample.invalid');
  if (pathname === '/api/locks') return list('locks', LOCKS);
  if (pathname === '/api/locks/summary') return { status: 1, msg: 'success', summary: { total: 250, online: 190, offline: 60, unlocked: 80, lowbattery: 30 } };
  if (pathname === '/api/events' || /^\/api\/locks\/[^/]+\/events$/.test(pathname)) return list('events', EVENTS);
  if (pathname === '/api/grants') return list('grants', []);
  if (pathname === '/api/lockgroups') return list('lockgroups', []);
  const one = /^\/api\/locks\/([^/]+)$/.exec(pathname);
  if (one) return { status: 1, msg: 'success', lock: LOCKS.find((l) => l.lockid === one[1]) ?? LOCKS[0] };
  return null;
}

/** The pages rendered to choose rules by (a role, or null for signed out): the locks page for each role, a lock's page, Activity and sign-in. */
const SAMPLE_PAGES = [
  ['/locks', 'manager'],
  ['/locks', 'support'],
  ['/locks?status=offline&sort=battery_level&order=asc&page=2', 'manager'],
  [`/locks/${LOCKS[0].lockid}`, 'manager'],
  [`/locks/${LOCKS[3].lockid}`, 'support'],
  ['/activity', 'manager'],
  ['/activity', 'support'],
  ['/login?next=%2Flocks', null],
];

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

/** The SPA source file an import specifier names (`@/…` or relative), or null for a package. */
function resolveImport(root, from, specifier) {
  const base = specifier.startsWith('@/') ? join(root, 'src', specifier.slice(2)) : specifier.startsWith('.') ? join(dirname(from), specifier) : null;
  if (!base) return null;
  return ['', '.tsx', '.ts', '/index.tsx', '/index.ts'].map((ext) => base + ext).find((path) => existsSync(path) && statSync(path).isFile()) ?? null;
}

/** Whether a class is a token of the sources of the client-rendered first screens and of what they import. */
function sourceTokens(root) {
  const tokens = new Set();
  const prefixes = new Set();
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !/\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    // Coarse (`content-[attr(data-label)]` stays whole) and fine (`cn('flex'` gives `flex`) tokens.
    for (const token of [...source.split(/[\s"'`]+/), ...source.split(/[\s"'`{}()<>,;=]+/)]) if (token) tokens.add(token);
    // A class built in a template (`btn-${variant}`): every class with that prefix.
    for (const [, prefix] of source.matchAll(/([\w:-]+-)\$\{/g)) prefixes.add(prefix);
    for (const [, specifier] of source.matchAll(/\bfrom\s*'([^']+)'/g)) {
      const target = resolveImport(root, file, specifier);
      if (target) visit(target);
    }
  };
  for (const start of CLIENT_FIRST_SCREENS) filesUnder(join(root, start)).forEach(visit);
  return (name) => tokens.has(name) || [...prefixes].some((prefix) => name.startsWith(prefix));
}

/** The class names in a selector, unescaped (`.md\:flex` → `md:flex`). */
function classesOf(selector) {
  return [...selector.matchAll(/\.((?:\\.|[\w-])+)/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
}

/** The built stylesheets the shell links (href → file). */
export function linkedStylesheets(distDir) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  return [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)]
    .map((m) => /href="\/([^"]+)"/.exec(m[0])?.[1])
    .filter(Boolean)
    .map((href) => join(distDir, href));
}

/**
 * Chooses the critical rules of dist/'s stylesheet and writes dist/critical.css.
 * Returns what it did, for the build's log.
 */
export async function writeCriticalCss(distDir, root = process.cwd()) {
  const sheets = linkedStylesheets(distDir);
  if (sheets.length === 0) throw new Error(`critical CSS: ${join(distDir, 'index.html')} links no stylesheet`);
  const shell = readFileSync(join(distDir, 'index.html'), 'utf8');

  const renderer = await import(pathToFileURL(join(distDir, 'server', 'entry-server.js')).href);
  const documents = [new JSDOM(shell).window.document];
  const rendered = [];
  for (const [url, role] of SAMPLE_PAGES) {
    const { pathname } = new URL(url, 'http://sample.invalid');
    if (!renderer.ssrRouteOf(pathname)) continue;
    const page = await renderer.render({ url, appConfig: APP_CONFIG, user: role ? USERS[role] : null, getJson: async (path) => sampleAnswer(path), now: NOW });
    if (!page) {
      // Its rules still come from its sources (CLIENT_FIRST_SCREENS); the sample data wants a look.
      console.warn(`critical CSS: the server renderer serves ${pathname} but rendered nothing from the sample data (sampleAnswer)`);
      continue;
    }
    documents.push(new JSDOM(shell.replace('<div id="root"></div>', `<div id="root">${page.html}</div>`)).window.document);
    rendered.push(`${url} (${role})`);
  }
  const inSources = sourceTokens(root);

  const matchesPage = (selector) => {
    const atRest = selector.replace(DYNAMIC_PSEUDO, '').trim().replace(/[>+~]\s*$/, '') || '*';
    try {
      return documents.some((document) => document.querySelector(atRest) !== null);
    } catch {
      return true; // a selector jsdom cannot read: kept rather than risk an unstyled first screen
    }
  };
  const needed = (selector) => {
    const classes = classesOf(selector);
    return classes.length === 0 || classes.every(inSources) || matchesPage(selector);
  };

  let full = '';
  let critical = '';
  for (const sheet of sheets) {
    const css = readFileSync(sheet, 'utf8');
    full += css;
    const tree = postcss.parse(css);
    tree.walkRules((rule) => {
      // Keyframe steps are not selectors.
      if (rule.parent?.type === 'atrule' && /keyframes$/.test(rule.parent.name)) return;
      const kept = rule.selectors.filter(needed);
      if (kept.length === 0) rule.remove();
      else if (kept.length < rule.selectors.length) rule.selectors = kept;
    });
    // Containers left empty (an @media whose rules all went) go too.
    let emptied = true;
    while (emptied) {
      emptied = false;
      tree.walkAtRules((atRule) => {
        if (atRule.nodes && atRule.nodes.length === 0) {
          atRule.remove();
          emptied = true;
        }
      });
    }
    critical += tree.toString().replace(/\/\*[^!][\s\S]*?\*\//g, '');
  }
  writeFileSync(join(distDir, CRITICAL_CSS_FILE), critical);
  return {
    file: relative(root, join(distDir, CRITICAL_CSS_FILE)),
    bytes: Buffer.byteLength(critical),
    gzipBytes: gzipSync(critical).length,
    fullBytes: Buffer.byteLength(full),
    fullGzipBytes: gzipSync(full).length,
    rendered,
  };
}
