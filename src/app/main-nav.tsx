import { Link } from 'react-router';
import { cn } from '@/components/cn';
import { type NavEntry, type NavLink, currentGroup, entryIsCurrent, isUnder } from './nav-entries';

const LINK = 'inline-flex min-h-9 items-center rounded-md px-3 text-sm font-medium';
const CURRENT = 'bg-indigo-50 text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-200';
const OTHER = 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800';

function NavItem({ link, current }: { link: NavLink; current: boolean }) {
  return (
    <Link to={link.to} aria-current={current ? 'page' : undefined} className={cn(LINK, current ? CURRENT : OTHER)}>
      {link.label}
    </Link>
  );
}

/** The header's navigation: a grouped entry is current on every page of its group. */
export function MainNav({ entries, pathname }: { entries: readonly NavEntry[]; pathname: string }) {
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-1">
      {entries.map((entry) => (
        <NavItem key={entry.to} link={entry} current={entryIsCurrent(entry, pathname)} />
      ))}
    </nav>
  );
}

/** "People · Roles · Visitors" under the header, on the pages of a group. */
export function GroupNav({ entries, pathname }: { entries: readonly NavEntry[]; pathname: string }) {
  const group = currentGroup(entries, pathname);
  if (!group?.pages) return null;
  return (
    <div className="border-t border-slate-200 dark:border-slate-800">
      <nav aria-label={`${group.label} pages`} className="mx-auto flex max-w-screen-2xl flex-wrap gap-1 px-4 py-2 sm:px-6">
        {group.pages.map((page) => (
          <NavItem key={page.to} link={page} current={isUnder(pathname, page.to)} />
        ))}
      </nav>
    </div>
  );
}
