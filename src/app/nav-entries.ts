import type { Features } from '@contract/app-config';

type NavFeature = 'schedules' | 'roles' | 'passes' | 'reports';

/** A destination: shown to managers only, or only when the host has the feature. */
export interface NavLink {
  to: string;
  label: string;
  managers?: true;
  feature?: NavFeature;
}

/** A main navigation entry; a grouped one leads to its first page and lists the rest in a sub-navigation. */
export interface NavEntry extends NavLink {
  pages?: readonly NavLink[];
}

/**
 * People, their roles and visitor passes are one entry (the header fits on one row from 1280 px):
 * its pages show "People · Roles · Visitors" under the header.
 */
export const NAV: readonly NavEntry[] = [
  { to: '/locks', label: 'Locks' },
  { to: '/groups', label: 'Groups' },
  {
    to: '/people',
    label: 'People',
    pages: [
      { to: '/people', label: 'People' },
      { to: '/roles', label: 'Roles', feature: 'roles' },
      { to: '/passes', label: 'Visitors', feature: 'passes' },
    ],
  },
  { to: '/schedules', label: 'Schedules', feature: 'schedules' },
  { to: '/activity', label: 'Activity' },
  { to: '/alerts', label: 'Alerts' },
  { to: '/reports', label: 'Reports', feature: 'reports' },
  { to: '/audit', label: 'Audit', managers: true },
];

export interface Viewer {
  manager: boolean;
  features: Partial<Features> | undefined;
}

function allowed(link: NavLink, viewer: Viewer): boolean {
  return (!link.managers || viewer.manager) && (!link.feature || viewer.features?.[link.feature] === true);
}

/** The entries this viewer sees, each with the pages of its group this viewer sees. */
export function visibleNav(viewer: Viewer): NavEntry[] {
  return NAV.filter((entry) => allowed(entry, viewer)).map((entry) =>
    entry.pages ? { ...entry, pages: entry.pages.filter((page) => allowed(page, viewer)) } : entry,
  );
}

/** Whether `pathname` is `to` or a page under it (`/people/12` is under `/people`), as a NavLink matches. */
export function isUnder(pathname: string, to: string): boolean {
  return pathname === to || pathname.startsWith(`${to}/`);
}

/** Whether the entry is where the viewer is: its own page, or any page of its group. */
export function entryIsCurrent(entry: NavEntry, pathname: string): boolean {
  return isUnder(pathname, entry.to) || (entry.pages ?? []).some((page) => isUnder(pathname, page.to));
}

/** The group the viewer is in, when it has more than one page to show them. */
export function currentGroup(entries: readonly NavEntry[], pathname: string): NavEntry | undefined {
  return entries.find((entry) => (entry.pages?.length ?? 0) > 1 && entryIsCurrent(entry, pathname));
}
