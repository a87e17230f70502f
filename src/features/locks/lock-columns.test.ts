import { readFileSync } from 'node:fs';
import postcss, { type AtRule, type Rule } from 'postcss';
import { describe, expect, it } from 'vitest';
import {
  CARD_BELOW_REM,
  OFF_BY_DEFAULT,
  OPTIONAL_COLUMNS,
  type OptionalColumn,
  PAGE_GUTTER_REM,
  cellOrder,
  columnCss,
  parseColumnChoice,
  planColumns,
} from './lock-columns';

const everything = new Set(OPTIONAL_COLUMNS);
const defaults = parseColumnChoice(null);
const plan = (chosen: Iterable<OptionalColumn>, { actions = true, available = everything as ReadonlySet<OptionalColumn> } = {}) =>
  planColumns({ chosen: new Set(chosen), available, actions });
const showAt = (p: ReturnType<typeof planColumns>) => Object.fromEntries(p.columns.map((c) => [c.id, c.showAt]));
const step = (value: number | 'never' | undefined) => (value === 'never' || value === undefined ? Infinity : value);

// The table's width (rem) the CSS counts on in a window of that many px: the page's padding and a scrollbar beside it.
const tableRem = (windowPx: number) => windowPx / 16 - PAGE_GUTTER_REM;

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

  it('fits every default column of a manager in a 1440 px window, and battery still at 768 px; rows are cards below the card width', () => {
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
  const manager = plan(defaults);
  const cells = cellOrder(manager, { select: true, actions: true });
  /** The rules of the CSS: selector → declarations, each with the media query it sits in ('' for none). */
  const rulesOf = (css: string) => {
    const found: { media: string; selector: string; body: string }[] = [];
    postcss.parse(css).walkRules((rule: Rule) => {
      const media = rule.parent?.type === 'atrule' && (rule.parent as AtRule).name === 'media' ? (rule.parent as AtRule).params : '';
      found.push({ media, selector: rule.selector, body: rule.nodes.map((n) => n.toString()).join(';') });
    });
    return found;
  };
  const place = (id: (typeof cells)[number]) => `:nth-child(${cells.indexOf(id) + 1})`;

  it('orders the cells as the table does: selection, picture, name, connection, state, the rest, command, details', () => {
    expect(cells).toEqual(['select', 'picture', 'lock', 'connection', 'state', 'battery', 'lastSeen', 'temperature', 'model', 'password', 'actions', 'details']);
    expect(cellOrder(plan([]), { select: false, actions: false })).toEqual(['lock', 'connection', 'state']);
  });

  it('hides each planned column, by its place, until the window is wide enough for its step; then hides its details entry', () => {
    const rules = rulesOf(columnCss(manager, cells));
    expect(rules.length).toBeGreaterThan(0);
    const hidden = rules.find((r) => r.media === '' && r.body === 'display:none');
    for (const { id, showAt } of manager.columns) {
      expect(hidden?.selector).toContain(place(id));
      if (showAt === 'never') continue;
      const media = `(min-width:${showAt + PAGE_GUTTER_REM}rem)`;
      const shown = rules.find((r) => r.media === media && r.body === 'display:table-cell');
      expect(shown?.selector, id).toContain(place(id));
      expect(rules.find((r) => r.media === media && r.body === 'display:none')?.selector, id).toContain(`[data-col=${id}]`);
    }
    // The details toggle (the last cell) and the details row go where the last column comes in.
    const last = rules.filter((r) => r.media === `(min-width:${step(manager.detailsUntil) + PAGE_GUTTER_REM}rem)` && r.body === 'display:none');
    expect(last.map((r) => r.selector).join()).toContain(place('details'));
    expect(last.map((r) => r.selector).join()).toContain('.lock-details');
    // A details row's one cell (colspan) is never taken for a column's.
    for (const rule of rules.filter((r) => r.selector.includes(':nth-child'))) expect(rule.selector).toContain(':not([colspan])');
  });

  it('places each cell of a card below the card width, and keeps that width equal to index.css’s', () => {
    const cardMedia = `(width < ${CARD_BELOW_REM + PAGE_GUTTER_REM}rem)`;
    const card = rulesOf(columnCss(manager, cells)).filter((r) => r.media === cardMedia);
    expect(card.find((r) => r.body.includes('grid-area:name'))?.selector).toContain(place('lock'));
    expect(card.find((r) => r.body.includes('grid-area:state'))?.selector).toContain(place('state'));
    expect(card.find((r) => r.body.includes('grid-area:action'))?.selector).toContain(place('actions'));
    expect(card.find((r) => r.body.includes("content:'Battery'"))?.selector).toContain(place('battery'));
    const indexCss = readFileSync(new URL('../../index.css', import.meta.url), 'utf8');
    expect(indexCss).toContain(`@media ${cardMedia} {`);
  });

  it('follows the places of a support account’s table (no selection, no command)', () => {
    const support = plan(defaults, { actions: false, available: new Set(OPTIONAL_COLUMNS.filter((id) => id !== 'password')) });
    const order = cellOrder(support, { select: false, actions: false });
    const card = rulesOf(columnCss(support, order)).filter((r) => r.body.includes('grid-area:name'));
    expect(card[0]?.selector).toContain(`:nth-child(${order.indexOf('lock') + 1})`);
    expect(order.indexOf('lock')).toBe(1);
  });
});
