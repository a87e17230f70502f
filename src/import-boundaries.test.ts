import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The import-boundary rule of eslint.config.js (DESIGN.md: components/lib ← api ← features ← app; a
 * feature never imports another, `access` excepted), for imports written through the `@/` alias and
 * for relative ones.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function refusals(filePath: string, from: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { part } from '${from}';\nexport const used = part;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('the import-boundary lint rule', () => {
  // Loading the config and the TypeScript parser takes seconds, once.
  beforeAll(() => refusals('src/lib/format.ts', './email'), 60_000);

  it('refuses a relative import across layers, as it refuses the alias', { timeout: 30_000 }, async () => {
    const crossings: [file: string, from: string][] = [
      ['src/features/locks/locks-page.tsx', '../../app/root'],
      ['src/features/locks/locks-page.tsx', '@/app/root'],
      ['src/features/locks/parts/row.tsx', '../../../app/root'],
      ['src/features/locks/locks-page.tsx', '../groups/groups-page'],
      ['src/features/locks/locks-page.tsx', '../../features/groups/groups-page'],
      ['src/features/locks/locks-page.tsx', './../people/people-page'],
      ['src/features/access/grant-list.tsx', '../locks/locks-page'],
      ['src/components/button.tsx', '../features/locks/locks-page'],
      ['src/components/button.tsx', '../api/locks'],
      ['src/lib/format.ts', '../app/root'],
      ['src/api/locks.ts', '../components/button'],
      ['src/api/locks.ts', '../features/locks/lock-list-view'],
    ];
    for (const [file, from] of crossings) expect(await refusals(file, from), `${file} ← ${from}`).toHaveLength(1);
    expect((await refusals('src/features/locks/locks-page.tsx', '../groups/groups-page'))[0]).toMatch(/never imports another feature/);
  });

  it('lets imports that follow the layers through', { timeout: 30_000 }, async () => {
    const allowed: [file: string, from: string][] = [
      ['src/features/locks/locks-page.tsx', './lock-list-view'],
      ['src/features/locks/locks-page.tsx', '../access/grant-list'],
      ['src/features/locks/locks-page.tsx', '../../components/button'],
      ['src/features/locks/locks-page.tsx', '../../api/locks'],
      ['src/features/locks/locks-page.tsx', '@/lib/format'],
      ['src/app/routes/activity.tsx', '../../features/activity/activity-page'],
      ['src/app/routes/activity.tsx', '../hooks/page-hydrated'],
      ['src/api/locks.ts', '../lib/format'],
      ['src/components/button.tsx', '../lib/format'],
    ];
    for (const [file, from] of allowed) expect(await refusals(file, from), `${file} ← ${from}`).toEqual([]);
  });
});
