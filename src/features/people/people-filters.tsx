import { useId } from 'react';
import type { Role } from '@/api/roles';
import { inputClass } from '@/components/form-field';
import { type PeopleView, STATUS_FILTERS, type StatusFilter } from './people-view';

const STATUS_WORDS: Record<StatusFilter, string> = { active: 'Active', suspended: 'Suspended', archived: 'Archived' };

/** Filters of the people list (with roles): by role, status and department, kept in the URL. */
export function PeopleFilters({ view, setView, roles }: { view: PeopleView; setView: (patch: Partial<PeopleView>, options?: { replace?: boolean }) => void; roles: Role[] }) {
  const id = useId();
  return (
    <div role="group" aria-label="Filter people" className="grid max-w-2xl grid-cols-1 gap-2 sm:grid-cols-2">
      <div>
        <label htmlFor={`${id}-role`} className="mb-1 block text-sm font-medium">
          Role
        </label>
        <select id={`${id}-role`} className={inputClass} value={view.role ?? ''} onChange={(event) => setView({ role: event.target.value ? Number(event.target.value) : null })}>
          <option value="">Any role</option>
          {roles.map((role) => (
            <option key={role.roleid} value={role.roleid}>
              {role.name}
            </option>
          ))}
          {view.role !== null && !roles.some((r) => r.roleid === view.role) && <option value={view.role}>Role {view.role}</option>}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-status`} className="mb-1 block text-sm font-medium">
          Status
        </label>
        <select id={`${id}-status`} className={inputClass} value={view.status ?? ''} onChange={(event) => setView({ status: STATUS_FILTERS.find((s) => s === event.target.value) ?? null })}>
          <option value="">Active and suspended</option>
          {STATUS_FILTERS.map((status) => (
            <option key={status} value={status}>
              {STATUS_WORDS[status]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-department`} className="mb-1 block text-sm font-medium">
          Department
        </label>
        <input
          id={`${id}-department`}
          type="search"
          className={inputClass}
          defaultValue={view.department}
          placeholder="Any department"
          maxLength={80}
          onKeyDown={(event) => event.key === 'Enter' && setView({ department: event.currentTarget.value.trim() })}
          onBlur={(event) => event.target.value.trim() !== view.department && setView({ department: event.target.value.trim() })}
        />
      </div>
    </div>
  );
}
