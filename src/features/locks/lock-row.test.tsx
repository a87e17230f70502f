import { render, within } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Lock } from '@/api/locks';
import { ICON_NAMES, IconSprite } from '@/components/icons';
import { columnCells } from '@/testing/lock-table';
import { LocksTable } from './locks-table';
import { locksTableProps } from './locks-table-fixture';

/**
 * The rows as the server will send them (react-dom/server, as the first screen of issue 12): lean
 * markup, and still every accessible name. bench/row-markup.ts measures the same for the demo fleet.
 */

const NAME = 'Cedar Court Offices · Conference Room 1';
const lock = (over: Partial<Lock> = {}): Lock => ({
  lockid: 'EM335966',
  name: NAME,
  online: true,
  open: false,
  battery: 18,
  temperature: 22.5,
  model: 'ARC7RF',
  mac: null,
  ssid: null,
  lastSeen: '2026-11-26 02:03:49',
  picture: '/api/uploads/product_images/arc7rf.jpg',
  relockAt: null,
  lockdown: false,
  groups: [{ groupid: 1, name: 'Cedar Court Offices · Meeting rooms' }],
  ...over,
});

function tableElement(locks: Lock[], role: 'manager' | 'support' = 'manager') {
  const props = locksTableProps(locks, role);
  return (
    <MemoryRouter>
      <LocksTable {...props} />
    </MemoryRouter>
  );
}

function renderTable(locks: Lock[], role: 'manager' | 'support' = 'manager'): string {
  return renderToString(tableElement(locks, role));
}

/** The server's HTML in a document, as a browser would have it before any script runs. */
function parse(html: string): HTMLElement {
  const box = document.createElement('div');
  box.innerHTML = html;
  document.body.replaceChildren(box);
  return box;
}

/** A control by its exact accessible name (as a browser and Playwright compute it). */
function button(row: ReturnType<typeof within>, name: string): HTMLElement {
  return row.getByRole('button', { name });
}

const rowsOf = (box: HTMLElement) => [...box.querySelectorAll<HTMLTableRowElement>('tbody tr[data-lockid]')];

/** The text a sighted user reads: no screen-reader-only text. */
function visibleText(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('.sr-only').forEach((n) => n.remove());
  return copy.textContent ?? '';
}

describe('a lock row as the server renders it', () => {
  it('draws its icons as references to the page’s one sprite, never inline', () => {
    const html = renderTable([lock(), lock({ lockid: 'EM2', online: false, open: true })]);
    const box = parse(html);
    const svgs = [...box.querySelectorAll('tbody svg')];
    expect(svgs.length).toBeGreaterThan(0);
    for (const svg of svgs) {
      expect(svg.getAttribute('aria-hidden')).toBe('true');
      // Sized by its width and height, or by index.css: a badge's (`.badge > svg`) or a cell's button's (`.lock-table td > button > svg`).
      const parent = svg.parentElement;
      const sized =
        svg.getAttribute('width') ??
        (parent?.classList.contains('badge') ? 'badge' : parent?.tagName === 'BUTTON' && parent.parentElement?.tagName === 'TD' ? 'cell button' : null);
      expect(sized).toMatch(/^(\d+|badge|cell button)$/);
      expect([...svg.children].map((c) => c.tagName.toLowerCase())).toEqual(['use']);
    }
    expect(box.querySelectorAll('tbody path, tbody rect, tbody circle')).toHaveLength(0);
    // Every reference has its symbol in the sprite.
    const sprite = parse(renderToString(<IconSprite />));
    const ids = new Set([...sprite.querySelectorAll('symbol')].map((s) => s.id));
    expect(ids.size).toBe(ICON_NAMES.length);
    for (const href of html.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(href[1]);
  });

  it('says each thing once on screen (no phone and desktop copies), and sends no closed details', () => {
    const box = parse(renderTable([lock({ online: false })]));
    const [row] = rowsOf(box);
    const text = visibleText(row!);
    expect(text.split(NAME)).toHaveLength(2);
    expect(text.split('EM335966')).toHaveLength(2);
    expect(text.split('Locked')).toHaveLength(2);
    expect(text.split('last known')).toHaveLength(2);
    expect(text.split('18 %')).toHaveLength(2);
    expect(box.querySelector('.lock-details')).toBeNull();
    // The column plan is said once, by the table, not by every cell.
    expect(box.querySelectorAll('[data-show], [data-hide]')).toHaveLength(0);
    expect(box.querySelectorAll('style')).toHaveLength(1);
  });

  it('keeps every accessible name', () => {
    const box = parse(renderTable([lock(), lock({ lockid: 'EM2', name: 'Back door', open: true }), lock({ lockid: 'EM3', name: null, online: false })]));
    const [first, second, third] = rowsOf(box).map((row) => within(row));
    expect(first!.getByRole('rowheader')).toHaveTextContent(NAME);
    expect(first!.getByRole('link', { name: NAME })).toHaveAttribute('href', '/locks/EM335966');
    expect(first!.getByRole('checkbox', { name: `Select ${NAME}` })).toBeInTheDocument();
    expect(button(first!, `Unlock ${NAME}`)).toBeInTheDocument();
    expect(button(second!, 'Lock Back door')).toBeInTheDocument();
    expect(first!.getByRole('button', { name: `Details of ${NAME}` })).toHaveAttribute('aria-expanded', 'false');
    // An unnamed lock's controls are named by its id, as before (its link says "Unnamed lock").
    expect(third!.getByRole('link', { name: 'Unnamed lock' })).toBeInTheDocument();
    expect(third!.getByRole('checkbox', { name: 'Select EM3' })).toBeInTheDocument();
    expect(button(third!, 'Unlock EM3')).toHaveAccessibleDescription('Offline: no commands');
    expect(button(third!, 'Details of EM3')).toBeInTheDocument();
  });

  it('says the lock’s name once in a row’s markup: its controls refer to it instead of repeating it', () => {
    const html = renderTable([lock(), lock({ lockid: 'EM2', name: 'Back door', open: true })]);
    const rows = [...html.matchAll(/<tr data-lockid[\s\S]*?<\/tr>/g)].map((m) => m[0]);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.split(NAME)).toHaveLength(2);
    expect(rows[1]!.split('Back door')).toHaveLength(2);
    // …and yet each control has its full name (above), from the row's name cell.
    const box = parse(html);
    const [first] = rowsOf(box).map((row) => within(row));
    expect(button(first!, `Unlock ${NAME}`)).toBeInTheDocument();
  });

  it('sends its command disabled (a click before the page is live would be lost), enabled once live', () => {
    const server = parse(renderTable([lock()]));
    expect(button(within(rowsOf(server)[0]!), `Unlock ${NAME}`)).toBeDisabled();
    const { container } = render(tableElement([lock()]));
    expect(button(within(rowsOf(container)[0]!), `Unlock ${NAME}`)).toBeEnabled();
  });

  it('sends the password column empty, and fills it once the page is live (it shows only from 84rem)', () => {
    const server = parse(renderTable([lock()]));
    expect(columnCells(server, 'password')[0]).toBeEmptyDOMElement();
    const { container } = render(tableElement([lock()]));
    // jsdom drops the space before the screen-reader-only " for …" (a browser keeps it): compare without spaces.
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    const reveal = within(rowsOf(container)[0]!).getByRole('button', { name: (n: string) => squeeze(n) === squeeze(`Reveal password for ${NAME}`) });
    expect(reveal).toHaveTextContent(`Reveal password for ${NAME}`);
  });

  it('stays small: a manager’s row under 1.6 KB, a support row under 1.3 KB (25 rows under 40 KB; 129 KB for 25 before)', () => {
    const bytes = (role: 'manager' | 'support') => {
      const row = /<tr data-lockid[\s\S]*?<\/tr>/.exec(renderTable([lock({ online: false })], role))?.[0] ?? '';
      return new TextEncoder().encode(row).length;
    };
    expect(bytes('manager')).toBeLessThan(1600);
    expect(bytes('support')).toBeLessThan(1300);
  });
});
