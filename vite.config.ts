import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const dir = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The entry (src/main.tsx) only starts the first screen's requests and then imports the app
 * (src/app/start.tsx). The page preloads the app's chunks from the start, so that loading the
 * app and the data happen side by side.
 */
function preloadApp(): Plugin {
  return {
    name: 'lockboard-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId?.endsWith('/src/app/start.tsx'));
        if (!app) return [];
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          const chunk = chunks.find((c) => c.fileName === fileName);
          chunk?.imports.forEach(visit);
        };
        visit(app.fileName);
        const entry = chunks.find((c) => c.isEntry);
        if (entry) files.delete(entry.fileName);
        return [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `/${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * Writes .br and .gz beside every text asset of the build, so that the gateway serves them
 * compressed without compressing on each request (@fastify/static `preCompressed`).
 */
function precompress(): Plugin {
  let outDir = 'dist';
  let ssr = false;
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: 'lockboard-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
      ssr = !!config.build.ssr;
    },
    closeBundle() {
      if (ssr) return;
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json)$/.test(file) || statSync(file).size < 1024) continue;
        const content = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

/**
 * After the server renderer's build (the second `vite build`, `--ssr`): the critical CSS of the first
 * screens, rendered with that renderer from sample data, into dist/critical.css (scripts/critical-css.mjs).
 * The gateway inlines it in the shell at start-up (server/gateway/spa.ts).
 */
function criticalCss(): Plugin {
  let ssr = false;
  let root = process.cwd();
  return {
    name: 'lockboard-critical-css',
    apply: 'build',
    configResolved(config) {
      ssr = !!config.build.ssr;
      root = config.root;
    },
    async closeBundle() {
      if (!ssr) return;
      // Loaded only here: it brings jsdom, which no other build, dev server or test run needs.
      const { writeCriticalCss } = await import('./scripts/critical-css.mjs');
      const result = await writeCriticalCss(join(root, 'dist'), root);
      this.info?.(
        `${result.file}: ${(result.gzipBytes / 1024).toFixed(1)} KB gzip of the sheet's ${(result.fullGzipBytes / 1024).toFixed(1)} KB (rendered ${result.rendered.join(', ')})`,
      );
    },
  };
}

/** Modules statically reachable from the entry and from the app (src/app/start.tsx). */
let sets: { entry: Set<string>; app: Set<string> } | undefined;
function moduleSets(ctx: { getModuleInfo(id: string): { importedIds: readonly string[] } | null }) {
  if (sets) return sets;
  const reach = (start: string) => {
    const seen = new Set<string>();
    const walk = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      ctx.getModuleInfo(id)?.importedIds.forEach(walk);
    };
    walk(start);
    return seen;
  };
  sets = { entry: reach(dir('./src/main.tsx')), app: reach(dir('./src/app/start.tsx')) };
  return sets;
}

/**
 * `vite build` builds the SPA into dist/; `vite build --ssr src/entry-server.tsx --outDir dist/server`
 * builds the server renderer the gateway loads (server/gateway/ssr/), which the browser never gets.
 */
export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react(), tailwindcss(), preloadApp(), precompress(), criticalCss()],
  resolve: {
    alias: [
      { find: /^@\//, replacement: dir('./src/') },
      { find: /^@contract\//, replacement: dir('./contract/') },
    ],
  },
  // The server renderer carries its own production copy of React and the libraries (one instance,
  // and never React's development build, whatever NODE_ENV the gateway runs with).
  ...(isSsrBuild ? { ssr: { noExternal: true }, define: { 'process.env.NODE_ENV': JSON.stringify('production') } } : {}),
  build: {
    outDir: 'dist',
    sourcemap: true,
    // The server renderer needs nothing from public/.
    copyPublicDir: !isSsrBuild,
    target: 'es2022',
    rollupOptions: isSsrBuild
      ? {}
      : {
          output: {
            // The entry chunk holds only what starts the first screen's requests; everything else the
            // first screen needs goes in one "app" chunk beside it; only the lazy pages are split off.
            codeSplitting: {
              groups: [
                {
                  name: (id, ctx) => (moduleSets(ctx).entry.has(id) && !id.endsWith('/src/main.tsx') ? 'boot' : null),
                  priority: 20,
                },
                { name: (id, ctx) => (moduleSets(ctx).app.has(id) ? 'app' : null), priority: 10 },
              ],
            },
          },
        },
  },
  server: {
    // `npm run dev`: the gateway (with the embedded platform) listens on 8080; Vite proxies to it.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/app-config.json': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
    },
  },
  test: {
    // Hooks start real servers (a PostgreSQL initdb, a seeded platform): on a busy 2-core machine that can
    // take longer than Vitest's 10 s default. Tests keep their own timeouts.
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['server/**/*.test.ts', 'contract/**/*.test.ts', 'src/**/*.test.ts', 'bench/**/*.test.ts'],
        },
      },
      {
        // The gateway suites that meet the platform again, with it answering like a vendor host
        // (PLATFORM_QUIRKS=vendor: failures as 200 + status 0, odd totals, numbers as strings, extra fields).
        extends: true,
        test: {
          name: 'vendor',
          environment: 'node',
          include: [
            'server/gateway/bad-input.test.ts',
            'server/gateway/commands-export.test.ts',
            'server/gateway/bulk-commands.test.ts',
            'server/gateway/access-routes.test.ts',
            'server/gateway/several-copies.test.ts',
            'server/platform/quirks/*.test.ts',
          ],
          env: { PLATFORM_QUIRKS: 'vendor' },
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx'],
          setupFiles: ['./src/testing/setup-tests.ts'],
        },
      },
    ],
  },
}));
