import { useStoredPreference } from '@/lib/use-stored-preference';

/**
 * Which of the lock table's columns show at which width. Pure planning (tested on its own); the
 * showing and hiding itself is CSS: the table carries the plan once, as a few media-query rules
 * (`columnCss`) in a `<style>` of its own, which show each optional column (a cell is known by its
 * place in the row) from its width and hide it from the rows' details then. So a row is one markup
 * at every width (and says nothing about widths or columns: 25 rows do not repeat the plan), and the
 * browser alone decides, without a resize listener.
 *
 * Always in the table: name, connection, lock state, and a manager's command button. The optional
 * columns come in by width in priority order (OPTIONAL_COLUMNS: battery first; MAC/SSID, off by
 * default, next when someone chose it); what does not fit is in the row's details. Below
 * CARD_BELOW_REM the table is restyled as a list of cards (picture, name, badges, battery, command).
 */
export const OPTIONAL_COLUMNS = ['battery', 'network', 'picture', 'lastSeen', 'temperature', 'model', 'password'] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

/** Left to right, as they stand in the table. */
export const COLUMN_ORDER: readonly OptionalColumn[] = ['picture', 'battery', 'lastSeen', 'temperature', 'model', 'network', 'password'];

export const COLUMN_LABELS: Record<OptionalColumn, string> = {
  battery: 'Battery',
  picture: 'Picture',
  lastSeen: 'Last seen',
  temperature: 'Temperature',
  model: 'Model',
  network: 'MAC address · SSID',
  password: 'Password',
};

/** Off until chosen: the column chooser is there for those who want it. */
export const OFF_BY_DEFAULT: readonly OptionalColumn[] = ['network'];

/** Below this container width (rem) the rows are cards. */
export const CARD_BELOW_REM = 40;

/**
 * Room each column needs (rem, padding included), measured on the demo fleet in Chromium: a lock
 * name on two lines, "Updated 23 minutes ago" on two, a battery without its bar (the bar comes at
 * 60rem, where there is room to spare).
 */
export const REQUIRED_REM = { lock: 12, connection: 6.5, state: 7.25, actions: 7.5, details: 3 };
export const OPTIONAL_REM: Record<OptionalColumn, number> = {
  battery: 7.5,
  network: 9.5,
  picture: 4,
  lastSeen: 8.5,
  temperature: 8.25,
  model: 6,
  password: 15,
};

/** The widths (rem) index.css has rules for; a column shows from the first step it fits in. */
export const WIDTH_STEPS_REM = [
  40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, 64, 66, 68, 70, 72, 74, 76, 78, 80, 82, 84, 86, 88, 90, 92,
] as const;

/** A step, or `never` (wider than any page: always in the row's details). */
export type ShowAt = (typeof WIDTH_STEPS_REM)[number] | 'never';

export interface ColumnPlan {
  /** The columns in the table, left to right, and from which width each shows. */
  columns: { id: OptionalColumn; showAt: ShowAt }[];
  /** From this width every column fits and the details toggle goes away (`never`: always there). */
  detailsUntil: ShowAt | 0;
}

function snap(rem: number): ShowAt {
  return WIDTH_STEPS_REM.find((step) => step >= rem) ?? 'never';
}

export function planColumns({
  chosen,
  available,
  actions,
}: {
  /** The optional columns the user wants (chooser). */
  chosen: ReadonlySet<OptionalColumn>;
  /** The optional columns this user may have at all (Password: managers). */
  available: ReadonlySet<OptionalColumn>;
  /** The row has a command button. */
  actions: boolean;
}): ColumnPlan {
  const wanted = OPTIONAL_COLUMNS.filter((id) => chosen.has(id) && available.has(id));
  const r = REQUIRED_REM;
  let used = r.lock + r.connection + r.state + (actions ? r.actions : 0);
  const showAt = new Map<OptionalColumn, ShowAt>();
  wanted.forEach((id, i) => {
    used += OPTIONAL_REM[id];
    // The details toggle takes room until the last column is in (then there is nothing to show in details).
    const needed = used + (i < wanted.length - 1 ? r.details : 0);
    showAt.set(id, snap(Math.max(needed, CARD_BELOW_REM)));
  });
  const steps = [...showAt.values()];
  const detailsUntil: ShowAt | 0 =
    steps.length === 0 ? 0 : steps.includes('never') ? 'never' : (Math.max(...(steps as number[])) as ShowAt);
  return {
    columns: COLUMN_ORDER.filter((id) => showAt.has(id)).map((id) => ({ id, showAt: showAt.get(id) ?? 'never' })),
    detailsUntil,
  };
}

/** A cell of a lock row (and its column's header), in the order the table has them (`cellOrder`). */
export type CellId = 'select' | 'lock' | 'connection' | 'state' | 'actions' | 'details' | OptionalColumn;

/** The row's cells left to right: the header and every row follow this one order. */
export function cellOrder(plan: ColumnPlan, { select, actions }: { select: boolean; actions: boolean }): CellId[] {
  return [
    ...(select ? (['select'] as const) : []),
    ...plan.columns.filter((c) => c.id === 'picture').map((c) => c.id),
    'lock',
    'connection',
    'state',
    ...plan.columns.filter((c) => c.id !== 'picture').map((c) => c.id),
    ...(actions ? (['actions'] as const) : []),
    ...(plan.detailsUntil !== 0 ? (['details'] as const) : []),
  ];
}

/**
 * What lies beside the table at a given window width: the page's padding (1.5rem each side from
 * 40rem) and room for a classic scrollbar. The plan's widths are the table's; the CSS asks the
 * window (a media query costs the browser less at first paint than a container query on the table's
 * box): a column shows from `step + PAGE_GUTTER_REM`, and the phone cards go below that of
 * CARD_BELOW_REM (index.css says 44rem for them: a test keeps the two equal).
 */
export const PAGE_GUTTER_REM = 4;

/** Each column's own look, its header's and its cells' (a few columns only; the rest is index.css's `.lock-table`). */
const CELL_CSS: Partial<Record<CellId, string>> = {
  connection: 'white-space:nowrap',
  state: 'white-space:nowrap',
  battery: 'white-space:nowrap',
  lastSeen: 'font-size:var(--text-xs);line-height:var(--text-xs--line-height)',
  temperature: 'white-space:nowrap;font-variant-numeric:tabular-nums',
  details: 'width:3rem;padding-inline:.5rem;text-align:right',
};

/** Where each cell goes in a phone's card (index.css lays the card out: its grid and areas). */
const CARD_CSS: Partial<Record<CellId, string>> = {
  select: 'display:block;grid-area:pic;align-self:end',
  picture: 'display:block;grid-area:pic;align-self:start;width:auto',
  lock: 'display:block;grid-area:name;min-width:0',
  connection: 'display:block;grid-area:conn',
  state: 'display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .5rem;grid-area:state',
  battery: 'display:flex;align-items:center;gap:.375rem;grid-area:battery',
  actions: 'display:block;grid-area:action;justify-self:end',
  details: 'display:block;grid-area:more;align-self:start;width:auto;padding:0',
};

/**
 * The table's own CSS for its plan (index.css has the rest of its look). The rows carry no column
 * names (25 rows would repeat them): a cell is known by its place, `:nth-child`, which this CSS
 * knows from `cells` (`cellOrder`). It hides each optional column until the window is wide enough
 * for its step, and from then on its entry in a row's details; the details (toggle and row) go from
 * `detailsUntil`; below the card width it places each cell in the card. Table cells are children of
 * rows only, so `td:nth-child(n)` is a column's cell, unless it spans the row (`colspan`: a details
 * row or a message). In index.css's `components` layer.
 */
export function columnCss(plan: ColumnPlan, cells: readonly CellId[]): string {
  // One selector for several (as specific as each alone).
  const anyOf = (selectors: string[]) => (selectors.length === 1 ? selectors[0] : `:is(${selectors.join(',')})`);
  const at = (ids: readonly CellId[], scope = '.lock-table') =>
    `${scope} :is(td,th)${anyOf(ids.map((id) => `:nth-child(${cells.indexOf(id) + 1})`))}:not([colspan])`;
  const rules: string[] = [];
  for (const id of cells) {
    const look = CELL_CSS[id];
    if (look) rules.push(`${at([id])}{${look}}`);
  }
  if (plan.columns.length) rules.push(`${at(plan.columns.map((c) => c.id))}{display:none}`);
  const steps = new Map<number, OptionalColumn[]>();
  for (const { id, showAt } of plan.columns) if (showAt !== 'never') steps.set(showAt, [...(steps.get(showAt) ?? []), id]);
  for (const [step, ids] of [...steps].sort((a, b) => a[0] - b[0])) {
    const details = `.lock-details ${anyOf(ids.map((id) => `[data-col=${id}]`))}`;
    const more = step === plan.detailsUntil ? `,${at(['details'])},.lock-details` : '';
    rules.push(`@media (min-width:${step + PAGE_GUTTER_REM}rem){${at(ids)}{display:table-cell}${details}${more}{display:none}}`);
  }
  const card = cells.flatMap((id) => (CARD_CSS[id] ? [`${at([id], '.lock-table tbody')}{${CARD_CSS[id]}}`] : []));
  if (cells.includes('battery')) {
    // Without its column header on screen the value says what it is (screen readers have the header).
    const label = `${at(['battery'], '.lock-table tbody tr[data-lockid]')}::before`;
    card.push(`${label}{content:'Battery' / '';font-size:var(--text-xs);color:var(--color-slate-600)}`);
    card.push(`@media (prefers-color-scheme:dark){${label}{color:var(--color-slate-400)}}`);
  }
  rules.push(`@media (width < ${CARD_BELOW_REM + PAGE_GUTTER_REM}rem){${card.join('')}}`);
  return `@layer components{${rules.join('')}}`;
}

/* The user's choice, per user in localStorage, shared by every tab. */

const KEY_PREFIX = 'lockboard:lock-columns:';
const DEFAULT_CHOICE: ReadonlySet<OptionalColumn> = new Set(OPTIONAL_COLUMNS.filter((id) => !OFF_BY_DEFAULT.includes(id)));

/** A stored choice (a JSON array of column ids), leniently: anything unreadable is the default. */
export function parseColumnChoice(raw: string | null): ReadonlySet<OptionalColumn> {
  if (raw === null) return DEFAULT_CHOICE;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return DEFAULT_CHOICE;
    return new Set(OPTIONAL_COLUMNS.filter((id) => parsed.includes(id)));
  } catch {
    return DEFAULT_CHOICE;
  }
}

const serializeChoice = (next: ReadonlySet<OptionalColumn>) => JSON.stringify(OPTIONAL_COLUMNS.filter((id) => next.has(id)));

/** The columns this user chose (the default before any choice), and a setter that remembers it. */
export function useColumnChoice(userKey: string): [ReadonlySet<OptionalColumn>, (next: ReadonlySet<OptionalColumn>) => void] {
  return useStoredPreference(KEY_PREFIX + userKey, parseColumnChoice, serializeChoice);
}
