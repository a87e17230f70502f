import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Features } from '@contract/app-config';
import { GroupNav, MainNav } from './main-nav';
import { visibleNav } from './nav-entries';

const ALL_ON: Partial<Features> = { roles: true, passes: true, schedules: true, reports: true };

function Header({ manager, features }: { manager: boolean; features: Partial<Features> }) {
  const { pathname } = useLocation();
  const entries = visibleNav({ manager, features });
  return (
    <>
      <MainNav entries={entries} pathname={pathname} />
      <GroupNav entries={entries} pathname={pathname} />
    </>
  );
}

function renderAt(path: string, { manager = true, features = ALL_ON }: { manager?: boolean; features?: Partial<Features> } = {}) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <Header manager={manager} features={features} />
    </MemoryRouter>,
  );
  return { main: screen.getByRole('navigation', { name: 'Main' }) };
}

/** The names of the links of a navigation that say they are the current page. */
function currentLinks(nav: HTMLElement): string[] {
  return within(nav)
    .getAllByRole('link')
    .filter((link) => link.getAttribute('aria-current') === 'page')
    .map((link) => link.textContent ?? '');
}

describe('the main navigation', () => {
  it('lists every destination once, People’s pages grouped under it, Reports and Audit last', () => {
    const { main } = renderAt('/locks');
    expect(within(main).getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Locks', 'Groups', 'People', 'Schedules', 'Activity', 'Alerts', 'Reports', 'Audit',
    ]);
    expect(currentLinks(main)).toEqual(['Locks']);
    expect(screen.queryByRole('navigation', { name: 'People pages' })).toBeNull();
  });

  it('marks People as the current page on Roles, and the sub-navigation marks Roles', () => {
    const { main } = renderAt('/roles');
    expect(currentLinks(main)).toEqual(['People']);
    const pages = screen.getByRole('navigation', { name: 'People pages' });
    expect(within(pages).getAllByRole('link').map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['People', '/people'], ['Roles', '/roles'], ['Visitors', '/passes'],
    ]);
    expect(currentLinks(pages)).toEqual(['Roles']);
  });

  it('keeps People current on a person’s page and follows a click to Visitors', async () => {
    const { main } = renderAt('/people/12');
    const pages = screen.getByRole('navigation', { name: 'People pages' });
    expect(currentLinks(main)).toEqual(['People']);
    expect(currentLinks(pages)).toEqual(['People']);
    await userEvent.click(within(pages).getByRole('link', { name: 'Visitors' }));
    expect(currentLinks(main)).toEqual(['People']);
    expect(currentLinks(screen.getByRole('navigation', { name: 'People pages' }))).toEqual(['Visitors']);
  });

  it('shows a page only when the host has its feature, and Audit only to managers', () => {
    const { main } = renderAt('/people', { manager: false, features: { roles: false, passes: false, schedules: false, reports: false } });
    expect(within(main).getAllByRole('link').map((link) => link.textContent)).toEqual(['Locks', 'Groups', 'People', 'Activity', 'Alerts']);
    // One page left in the group: no sub-navigation of one link.
    expect(screen.queryByRole('navigation', { name: 'People pages' })).toBeNull();
  });

  it('does not take a page whose path merely starts like a group page for it', () => {
    const { main } = renderAt('/peoplex');
    expect(currentLinks(main)).toEqual([]);
    expect(screen.queryByRole('navigation', { name: 'People pages' })).toBeNull();
  });
});
