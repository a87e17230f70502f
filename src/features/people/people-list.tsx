import { Link } from 'react-router';
import type { Person } from '@/api/access';
import { CardsAndTable } from '@/components/cards-and-table';
import { muted, nameLink } from '@/components/page-styles';
import { describeGrantCount } from './people-view';
import { DoorUseText, PersonStatusBadge } from './person-status';

function PersonName({ person }: { person: Person }) {
  return (
    <Link to={`/people/${person.userid}`} className={nameLink}>
      {person.name}
    </Link>
  );
}

function Access({ person }: { person: Person }) {
  return <span className={person.grantCount > 0 ? undefined : muted}>{describeGrantCount(person.grantCount)}</span>;
}

const dash = <span className={muted}>—</span>;
const cell = 'px-3 py-2';

const COLUMNS = [
  { key: 'name', heading: 'Name', className: 'px-4 py-2' },
  { key: 'email', heading: 'Email', className: cell },
  { key: 'phone', heading: 'Phone', className: cell },
  { key: 'access', heading: 'Access', className: cell },
];
/** With roles (the platform's people lifecycle): who they are in the organisation and their last door. */
const LIFECYCLE_COLUMNS = [
  { key: 'status', heading: 'Status', className: cell },
  { key: 'department', heading: 'Department', className: cell },
  { key: 'roles', heading: 'Roles', className: cell },
  { key: 'last-used', heading: 'Last door used', className: cell },
  { key: 'last-refused', heading: 'Last refused', className: cell },
];

/** The names of a person's roles, "Night shift, Cleaners"; null for none. */
function rolesOf(person: Person, roleNames: ReadonlyMap<number, string>): string | null {
  const names = person.lifecycle.roleids.map((id) => roleNames.get(id) ?? `Role ${id}`);
  return names.length > 0 ? names.join(', ') : null;
}

function LifecycleCells({ person, roleNames }: { person: Person; roleNames: ReadonlyMap<number, string> }) {
  const { lifecycle } = person;
  return (
    <>
      <td className={`${cell} whitespace-nowrap`}>
        <PersonStatusBadge person={lifecycle} />
      </td>
      <td className={`${cell} break-words`}>{lifecycle.department ?? dash}</td>
      <td className={`${cell} break-words`}>{rolesOf(person, roleNames) ?? dash}</td>
      <td className={cell}>
        <DoorUseText use={lifecycle.lastUsed} />
      </td>
      <td className={cell}>
        <DoorUseText use={lifecycle.lastDenied} reason={lifecycle.lastDenied?.reason ?? null} />
      </td>
    </>
  );
}

/** A table from a phone's width up; a card per person below it. `roleNames`: with the roles feature, else null. */
export function PeopleList({ people, roleNames }: { people: Person[]; roleNames: ReadonlyMap<number, string> | null }) {
  return (
    <CardsAndTable
      label="People"
      items={people}
      keyOf={(person) => person.userid}
      cardClass="flex flex-col gap-1 px-4 py-3 text-sm"
      card={(person) => (
        <>
          <div className="flex flex-wrap items-baseline justify-between gap-x-4">
            <PersonName person={person} />
            {roleNames ? <PersonStatusBadge person={person.lifecycle} /> : <Access person={person} />}
          </div>
          {person.email && <span className={`break-words ${muted}`}>{person.email}</span>}
          {person.phone && <span className={muted}>{person.phone}</span>}
          {roleNames && (person.lifecycle.department || person.lifecycle.roleids.length > 0) && (
            <span className={muted}>{[person.lifecycle.department, rolesOf(person, roleNames)].filter(Boolean).join(' · ')}</span>
          )}
          {roleNames && person.lifecycle.lastUsed && (
            <span>
              Last door used: <DoorUseText use={person.lifecycle.lastUsed} />
            </span>
          )}
        </>
      )}
      columns={roleNames ? [...COLUMNS, ...LIFECYCLE_COLUMNS] : COLUMNS}
      rowData={(person) => ({ 'data-userid': person.userid })}
      rowName={(person) => <PersonName person={person} />}
      cells={(person) => (
        <>
          <td className={`${cell} break-words`}>{person.email ?? dash}</td>
          <td className={`${cell} whitespace-nowrap`}>{person.phone ?? dash}</td>
          <td className={`${cell} whitespace-nowrap`}>
            <Access person={person} />
          </td>
          {roleNames && <LifecycleCells person={person} roleNames={roleNames} />}
        </>
      )}
    />
  );
}
