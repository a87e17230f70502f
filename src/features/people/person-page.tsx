import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { type Person, grantQueries, peopleQueries } from '@/api/access';
import { appConfigQuery } from '@/api/app-config';
import { ApiError } from '@/api/client';
import { sessionQueries } from '@/api/session';
import { type DetailPages, DetailFrame, DetailRoute, NOT_A_RECORD, NotFoundPage, PageLoadState, ReadOnlyNote } from '@/components/page-frame';
import { muted, textLink } from '@/components/page-styles';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { usePageTitle } from '@/lib/page-title';
import { AccessCheckPanel } from '@/features/access/access-check-panel';
import { SendCodeButton } from '@/features/access/send-code-button';
import { NoAccessFeature } from './people-notes';
import { describeGrantCount, parseUserId } from './people-view';
import { PersonAccess, WhyRefused } from './person-access';
import { PersonActivity } from './person-activity';
import { ManagerActions } from './person-manager-actions';
import { PersonRoles } from './person-roles';
import { PersonStatusBadge } from './person-status';

const PERSON_PAGES: DetailPages = {
  parent: 'People',
  to: '/people',
  title: 'Person',
  noun: 'person',
  why: 'The address may be mistyped, or the link may come from another platform.',
  backText: 'Back to the people',
};

/** `/people/:userid`: who they are, what they can open, why a door refused them, their recent door activity; a manager edits and offboards. */
export function PersonPage() {
  return (
    <DetailRoute
      pages={PERSON_PAGES}
      param="userid"
      parse={parseUserId}
      available={useQuery(appConfigQuery).data?.features.access}
      missing={<NoAccessFeature />}
      detail={PersonDetail}
    />
  );
}

function PersonDetail({ id: userid }: { id: number }) {
  const queryClient = useQueryClient();
  const config = useQuery(appConfigQuery).data;
  const user = useQuery(sessionQueries.me()).data?.user;
  const isManager = user?.role === 'manager';
  const withRoles = !!config?.features.roles;
  const paused = useLiveUpdatesPaused();
  const refetchInterval = paused || !config ? false : config.pollIntervalMs;
  const detail = useQuery({ ...peopleQueries.detail(userid), refetchInterval });
  const person = detail.data;
  const missing = !person && detail.error instanceof ApiError && NOT_A_RECORD.has(detail.error.status);
  usePageTitle(missing ? 'Person not found' : (person?.name ?? 'Person'));
  const [report, setReport] = useState<string | null>(null);

  if (!person) {
    if (missing) return <NotFoundPage pages={PERSON_PAGES} id={String(userid)} />;
    return <PageLoadState back={{ ...PERSON_PAGES, name: `Person ${userid}` }} query={detail} loadingLabel="Loading the person…" failedTitle="This person could not be loaded." />;
  }

  const refresh = () => {
    void detail.refetch();
    void queryClient.invalidateQueries({ queryKey: grantQueries.all() });
  };
  return (
    <DetailFrame back={PERSON_PAGES} title={person.name} live={{ query: detail, paused, onRefresh: refresh }} facts={<PersonFacts person={person} withRoles={withRoles} />}>
      {isManager && (
        <Link to={`/audit?personid=${person.userid}`} className={`self-start ${textLink}`}>
          Audit trail
        </Link>
      )}
      {isManager ? (
        <ManagerActions person={person} withRoles={withRoles} onOffboarded={setReport} />
      ) : (
        user && <ReadOnlyNote>Your account is read-only: a manager edits people and changes or removes their access.</ReadOnlyNote>
      )}
      <p role="status" aria-live="polite" className={report ? 'rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-200' : 'sr-only'}>
        {report}
      </p>

      {withRoles && <PersonRoles person={person} canChange={isManager} />}
      <PersonAccess
        userid={person.userid}
        name={person.name}
        canChange={isManager}
        bySource={withRoles}
        grantActions={(grant) => grant.method === 'keypad' && <SendCodeButton grantid={grant.grantid} userid={grant.userid} who={grant.username} lastSent={grant.codeSent} />}
      />
      <WhyRefused userid={person.userid} />
      <AccessCheckPanel subject={{ userid: person.userid, name: person.name }} />
      <PersonActivity userid={person.userid} name={person.name} refetchInterval={refetchInterval} />
    </DetailFrame>
  );
}

/** With roles: their status (and why suspended), department and tags. */
function LifecycleFacts({ person }: { person: Person }) {
  const { lifecycle } = person;
  return (
    <>
      <div className="flex min-w-0 items-center gap-1">
        <dt className="sr-only">Status</dt>
        <dd>
          <PersonStatusBadge person={lifecycle} />
          {lifecycle.status === 'suspended' && lifecycle.suspendedReason && <span className={muted}> · {lifecycle.suspendedReason}</span>}
        </dd>
      </div>
      <div className="flex min-w-0 gap-1">
        <dt className={muted}>Department</dt>
        <dd className="break-words">{lifecycle.department ?? <span className={muted}>none</span>}</dd>
      </div>
      {lifecycle.tags.length > 0 && (
        <div className="flex min-w-0 gap-1">
          <dt className={muted}>Tags</dt>
          <dd className="break-words">{lifecycle.tags.join(', ')}</dd>
        </div>
      )}
    </>
  );
}

/** Email and phone (as links that write or call) and how many grants they hold now. */
function PersonFacts({ person, withRoles }: { person: Person; withRoles: boolean }) {
  return (
    <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {withRoles && <LifecycleFacts person={person} />}
      <div className="flex min-w-0 gap-1">
        <dt className={muted}>Email</dt>
        <dd className="break-words">{person.email ? <a href={`mailto:${person.email}`} className={textLink}>{person.email}</a> : <span className={muted}>none</span>}</dd>
      </div>
      <div className="flex gap-1">
        <dt className={muted}>Phone</dt>
        <dd>{person.phone ? <a href={`tel:${person.phone.replace(/[^\d+]/g, '')}`} className={textLink}>{person.phone}</a> : <span className={muted}>none</span>}</dd>
      </div>
      <div className="flex gap-1">
        <dt className={muted}>Access now</dt>
        <dd>{describeGrantCount(person.grantCount)}</dd>
      </div>
    </dl>
  );
}

export default PersonPage;
