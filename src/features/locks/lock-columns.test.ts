import { describe, expect, it } from 'vitest';
import { CARD_BELOW_REM, OFF_BY_DEFAULT, OPTIONAL_COLUMNS, type OptionalColumn, columnCss, parseColumnChoice, planColumns } from './lock-columns';

const everything = new Set(OPTIONAL_COLUMNS);
const defaults = parseColumnChoice(null);
const plan = (chosen: Iterable<OptionalColumn>, { actions = true, available = everything as ReadonlySet<OptionalColumn> } = {}) =>
  planColumns({ chosen: new Set(chosen), available, actions });
const showAt = (p: ReturnType<typeof planColumns>) => Object.fromEntries(p.columns.map((c) => [c.id, c.showAt]));
const step = (value: number | 'never' | undefined) => (value === 'never' || value === undefined ? Infinity : value);

// The table's width (rem) in a window of that many px: the page has 1.5rem of padding each side.
const tableRem = (windowPx: number) => windowPx / 16 - 3;

describe('which lock columns show at which width', () => {
  it('brings columns in by priority: battery first, then picture, last seen, temperature, model, password', () => {
    const at = showAt(plan(defaults));
    const order: OptionalColumn[] = ['battery', 'picture', 'lastSeen', 'temperature', 'model', 'password'];
    for (let i = 1; i < order.length; i++) expect(step(at[order[i]!])).toBeGreaterThanOrEqual(step(at[order[i - 1]!]));
    expect(step(at.battery)).toBeLessThan(step(at.password));
  });

  it('keeps the table order (picture first, password last) whatever the priority', () => {
    expect(plan(defaults).columns.map((c) => c.id)).toEqual(['picture', 'battery', 'lastSeen', 'temperature', 'model', 'password']);
  });

  it('fits every default column of a manager in a 1440 px window, and battery still at 768 px; below 640 px rows are cards', () => {
    const at = showAt(plan(defaults));
    for (const id of defaults) expect(step(at[id])).toBeLessThanOrEqual(tableRem(1440));
    expect(step(at.battery)).toBeLessThanOrEqual(tableRem(768));
    expect(step(at.temperature)).toBeGreaterThan(tableRem(1024));
    for (const id of defaults) expect(step(at[id])).toBeGreaterThanOrEqual(CARD_BELOW_REM);
  });

  it('leaves MAC/SSID out until chosen, then gives it the place after battery', () => {
    expect(OFF_BY_DEFAULT).toContain('network');
    expect(showAt(plan(defaults)).network).toBeUndefined();
    const at = showAt(plan([...defaults, 'network']));
    expect(step(at.network)).toBeLessThanOrEqual(step(at.lastSeen));
    expect(step(at.network)).toBeLessThanOrEqual(tableRem(1440));
  });

  it('lets later columns in sooner when one is dropped, and a support account (no commands, no password) sooner still', () => {
    const all = showAt(plan(defaults));
    const noTemperature = showAt(plan([...defaults].filter((id) => id !== 'temperature')));
    expect(step(noTemperature.model)).toBeLessThan(step(all.model));
    const support = showAt(plan(defaults, { actions: false, available: new Set(OPTIONAL_COLUMNS.filter((id) => id !== 'password')) }));
    expect(support.password).toBeUndefined();
    expect(step(support.model)).toBeLessThan(step(all.model));
  });

  it('shows the details toggle until the last column is in, and never when there is nothing to hide', () => {
    const p = plan(defaults);
    expect(p.detailsUntil).toBe(Math.max(...p.columns.map((c) => step(c.showAt))));
    expect(plan([]).detailsUntil).toBe(0);
    // Every column chosen still fits the widest page (max-w-screen-2xl: a 93rem table).
    expect(step(plan(OPTIONAL_COLUMNS).detailsUntil)).toBeLessThanOrEqual(93);
  });

  it('reads a stored choice leniently', () => {
    expect(parseColumnChoice('["network","battery","nonsense"]')).toEqual(new Set(['battery', 'network']));
    expect(parseColumnChoice('[]')).toEqual(new Set());
    expect(parseColumnChoice('{oops')).toBe(defaults);
    expect(parseColumnChoice('"battery"')).toBe(defaults);
  });
});

describe('the column plan as CSS (the table says it once, not every cell)', () => {
  it('hides each planned column until its width, then hides its details entry, and the details from the last step', () => {
    const p = plan(defaults);
    const css = columnCss(p);
    expect(css.startsWith('@layer components{')).toBe(true);
    expect(css).not.toContain('>'); // React escapes a style element's text
    for (const { id, showAt } of p.columns) {
      expect(css).toContain(`.lock-table :is(td,th)[data-col=${id}]`);
      if (showAt !== 'never') expect(css).toMatch(new RegExp(`min-width:${showAt}rem\\)\\{[^}]*\\[data-col=${id}\\][^}]*\\{display:table-cell\\}[^}]*\\.lock-details \\[data-col=${id}\\]`));
    }
    expect(css).toContain(`(min-width:${p.detailsUntil}rem)`);
    expect(css).toMatch(/\.lock-table \[data-col=details\],\.lock-details\{display:none\}\}\}$/);
  });

  it('is empty without optional columns', () => {
    expect(columnCss(plan([]))).toBe('');
  });
});
