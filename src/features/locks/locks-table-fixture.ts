import type { Lock } from '@/api/locks';
import { OPTIONAL_COLUMNS, type OptionalColumn, parseColumnChoice, planColumns } from './lock-columns';
import type { LocksTableProps } from './locks-table';

/**
 * The table's props as the locks page passes them at rest for a role (default columns, no sort, no
 * selection yet): shared by the row tests and the row-markup bench, so both measure the same table.
 */
export function locksTableProps(locks: Lock[], role: 'manager' | 'support'): LocksTableProps {
  const manager = role === 'manager';
  const available = new Set<OptionalColumn>(OPTIONAL_COLUMNS.filter((id) => id !== 'password' || manager));
  return {
    locks,
    busy: false,
    highlighted: new Set(),
    pictureOrigin: null,
    timezone: 'UTC',
    sort: { field: null, order: 'asc' },
    onSort: () => {},
    skeletonRows: 10,
    plan: planColumns({ chosen: parseColumnChoice(null), available, actions: manager }),
    query: '',
    listSearch: '',
    onCommand: manager ? () => {} : null,
    timedUnlock: true,
    pending: new Map(),
    selection: manager ? { has: () => false, onSelect: () => {}, page: 'none', onSelectPage: () => {} } : null,
  };
}
