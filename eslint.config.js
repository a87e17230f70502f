import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** One-way imports (DESIGN.md): components/lib ← api ← features ← app; a feature never imports another. */
const browserZod = { group: ['zod', 'zod/*'], message: 'The browser parses with valibot (bundle budget); zod is for the server.' };
const contractSchemas = {
  group: ['@contract/*', '!@contract/constants', '!@contract/app-config', '!@contract/platform-date', '!@contract/wall-clock', '!@contract/event-labels', '!@contract/page-paths', '!@contract/team-alerts', '!@contract/audit', '!@contract/bulk-summary'],
  allowTypeImports: true,
  message: 'Only types come from the contract schema modules; values come from @contract/constants (no zod in the browser).',
};
/** The app's types include Node's (for the server renderer): its code must still not use Node. */
const nodeBuiltins = { group: ['node:*'], message: 'Browser code has no Node built-ins; only the server renderer (src/entry-server.tsx) uses them.' };
const layer = (files, patterns) => ({
  files,
  ignores: ['src/**/*.test.{ts,tsx}', 'src/testing/**'],
  rules: {
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...patterns, browserZod, contractSchemas, nodeBuiltins] }],
  },
});

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The patterns that keep the folder `from` (under src/, e.g. 'features/locks') out of the folders
 * `forbidden` (e.g. 'app', 'features/groups'), however the import is written: through the alias
 * (`@/app/root`) or relatively (`../../app/root`, `../groups/x`, `../../features/groups/x`). A
 * relative import climbs out with `../` and names the folder, or the part of its path below what
 * the two folders share; the depth is not checked, so a folder inside a layer named like a layer
 * would be refused too (there is none).
 */
const keepOut = (from, forbidden, message) => {
  const relative = forbidden.map((target) => {
    const fromParts = from.split('/');
    const targetParts = target.split('/');
    let shared = 0;
    while (shared < fromParts.length - 1 && fromParts[shared] === targetParts[shared]) shared += 1;
    const optionalShared = targetParts.slice(0, shared).map((part) => `(?:${escapeRegex(part)}/)?`).join('');
    return `${optionalShared}${targetParts.slice(shared).map(escapeRegex).join('/')}`;
  });
  return [
    { group: forbidden.map((target) => `@/${target}/*`), message },
    { regex: `^(?:\\./)?(?:\\.\\./)+(?:${relative.join('|')})(?:/|$)`, message },
  ];
};

const features = ['locks', 'lock-detail', 'activity', 'alerts', 'auth', 'groups', 'lockdown', 'people', 'access', 'alert-settings', 'audit', 'schedules', 'roles', 'passes'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'data', '.cache'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  layer(['src/**'], []),
  ...['components', 'lib'].map((name) =>
    layer([`src/${name}/**`], keepOut(name, ['api', 'features', 'app'], 'components/ and lib/ know nothing of the API, features or the app.')),
  ),
  layer(['src/api/**'], keepOut('api', ['features', 'app', 'components'], 'api/ is below features/ and app/.')),
  // `access` (grants, the rule in words, "who has access") is the one shared feature: the lock page,
  // group page and people pages show access; it imports no other feature itself.
  ...features.map((name) =>
    layer([`src/features/${name}/**`], [
      ...keepOut(`features/${name}`, ['app'], 'features/ never import app/.'),
      ...keepOut(
        `features/${name}`,
        features.filter((other) => other !== name && (other !== 'access' || name === 'access')).map((other) => `features/${other}`),
        'A feature never imports another feature (access excepted); compose them in app/.',
      ),
    ]),
  ),
  // Every lazily loaded part comes through lib/lazy-chunk.tsx: a chunk that fails to load (the server
  // out of reach, or a new build deployed) then keeps the page and says so, instead of taking it down.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/lib/lazy-chunk.tsx', 'src/main.tsx', 'src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='react'] ImportSpecifier[imported.name='lazy'], MemberExpression[object.name='React'][property.name='lazy']",
          message: 'Load parts lazily with lazyChunk (src/lib/lazy-chunk.tsx), which survives a chunk that fails to load.',
        },
        {
          selector: "ImportExpression:not(CallExpression[callee.name='lazyChunk'] ImportExpression)",
          message: 'A dynamic import belongs in lazyChunk(() => import(...)) (src/lib/lazy-chunk.tsx), which survives a chunk that fails to load.',
        },
      ],
    },
  },
  // Size limits (issue 23): a feature's component stays under 150 lines, a gateway function under 80;
  // past that, split it by part (a hook for its state, a component per part) before adding to it.
  {
    files: ['src/features/**/*.tsx'],
    ignores: ['**/*.test.tsx'],
    rules: { 'max-lines-per-function': ['error', { max: 150 }] },
  },
  {
    files: ['src/features/**/*.ts', 'server/gateway/**/*.ts'],
    ignores: ['**/*.test.ts', 'server/gateway/**/test-kit.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80 }] },
  },
  // The server renderer runs in Node (never in the browser bundle).
  {
    files: ['src/entry-server.tsx'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [browserZod, contractSchemas] }] },
  },
  {
    files: ['server/**', 'e2e/**', 'bench/**', 'scripts/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**', 'test-support/**', 'src/testing/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
