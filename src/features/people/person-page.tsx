import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Person, grantQueries, peopleQueries, useUpdatePerson } from '@/api/access';
import { appConfigQuery } from '@/api/app-config';
import { ApiError } from '@/api/client';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { ConnectionLost, LiveStatus } from '@/components/live-status';
import { LoadFailed, Loading } from '@/components/load-state';
import { Breadcrumb } from '@/components/breadcrumb';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { usePageTitle } from '@/lib/page-title';
import { showToast } from '@/lib/toasts';
import { NoAccessFeature, PageShell, ReadOnlyNote, card, linkClass, muted } from './people-notes';
import { describeGrantCount, parseUserId } from './people-view';
import { PersonAccess, WhyRefused } from './person-access';
import { PersonActivity } from './person-activity';
import { PersonForm } from './person-form';
import { RemoveAllAccess } from './remove-all-access';

function NoSuchPerson({ userid }: { userid: string }) {
  usePageTitle('Person not found');
  const shown = userid.length > 40 ? `${userid.slice(0, 39)}…` : userid;
  return (
    <PageShell>
      <Breadcrumb parent="People" to="/people" name={shown} />
      <div className="flex min-w-0 flex-col items-start gap-3 py-8">
        <h1 className="max-w-full text-2xl font-semibold tracking-tight break-words">No person {shown} on this platform</h1>
        <p className={muted}>The address may be mistyped, or the link may come from another platform.</p>
        <Link to="/people" className={`underline ${linkClass}`}>
          Back to the people
        </Link>
      </div>
    </PageShell>
  );
}

function AccessMissing() {
  usePageTitle('Person');
  return (
    <PageShell>
      <Breadcrumb parent="People" to="/people" name="Person" />
      <h1 className="text-2xl font-semibold tracking-tight">Person</h1>
      <NoAccessFeature />
    </PageShell>
  );
}

/** `/people/:userid`: who they are, what they can open, why a door refused them, their recent door activity; a manager edits and offboards. */
export function PersonPage() {
  const raw = useParams().userid ?? '';
  const userid = parseUserId(raw);
  const features = useQuery(appConfigQuery).data?.features;
  if (features && !features.access) return <AccessMissing />;
  if (userid === null) return <NoSuchPerson userid={raw} />;
  return <PersonDetail key={userid} userid={userid} />;
}

/** Not found, or an address the gateway or platform refused. */
const NOT_A_PERSON = new Set([400, 404]);

function PersonDetail({ userid }: { userid: number }) {
  const queryClient = useQueryClient();
  const config = useQuery(appConfigQuery).data;
  const user = useQuery(sessionQueries.me()).data?.user;
  const isManager = user?.role === 'manager';
  const paused = useLiveUpdatesPaused();
  const refetchInterval = paused || !config ? false : config.pollIntervalMs;
  const detail = useQuery({ ...peopleQueries.detail(userid), refetchInterval });
  const person = detail.data;
  const missing = !person && detail.error instanceof ApiError && NOT_A_PERSON.has(detail.error.status);
  usePageTitle(missing ? 'Person not found' : (person?.name ?? 'Person'));
  const [report, setReport] = useState<string | null>(null);

  if (!person) {
    if (missing) return <NoSuchPerson userid={String(userid)} />;
    return (
      <PageShell>
        <Breadcrumb parent="People" to="/people" name={`Person ${userid}`} />
        {detail.isError ? (
          <LoadFailed layout="page" title="This person could not be loaded." error={detail.error} onRetry={() => void detail.refetch()} />
        ) : (
          <Loading layout="page" label="Loading the person…" />
        )}
      </PageShell>
    );
  }

  return (
    <PageShell>
      <Breadcrumb parent="People" to="/people" name={person.name} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <h1 className="text-2xl font-semibold tracking-tight break-words">{person.name}</h1>
          <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <div className="flex min-w-0 gap-1">
              <dt className={muted}>Email</dt>
              <dd className="break-words">{person.email ? <a href={`mailto:${person.email}`} className={linkClass}>{person.email}</a> : <span className={muted}>none</span>}</dd>
            </div>
            <div className="flex gap-1">
              <dt className={muted}>Phone</dt>
              <dd>{person.phone ? <a href={`tel:${person.phone.replace(/[^\d+]/g, '')}`} className={linkClass}>{person.phone}</a> : <span className={muted}>none</span>}</dd>
            </div>
            <div className="flex gap-1">
              <dt className={muted}>Access now</dt>
              <dd>{describeGrantCount(person.grantCount)}</dd>
            </div>
          </dl>
        </div>
        <LiveStatus
          updatedAt={detail.dataUpdatedAt}
          paused={paused}
          refreshing={detail.isFetching}
          onRefresh={() => {
            void detail.refetch();
            void queryClient.invalidateQueries({ queryKey: grantQueries.all() });
          }}
        />
      </div>
      {detail.isRefetchError && <ConnectionLost since={detail.dataUpdatedAt} reason={detail.error.message} />}

      {isManager && (
        <Link to={`/audit?personid=${person.userid}`} className={`self-start ${linkClass}`}>
          Audit trail
        </Link>
      )}
      {isManager ? (
        <ManagerActions person={person} onOffboarded={setReport} />
      ) : (
        user && <ReadOnlyNote>Your account is read-only: a manager edits people and changes or removes their access.</ReadOnlyNote>
      )}
      <p role="status" aria-live="polite" className={report ? 'rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-200' : 'sr-only'}>
        {report}
      </p>

      <PersonAccess userid={person.userid} name={person.name} canChange={isManager} />
      <WhyRefused userid={person.userid} />
      <PersonActivity userid={person.userid} name={person.name} refetchInterval={refetchInterval} />
    </PageShell>
  );
}

function ManagerActions({ person, onOffboarded }: { person: Person; onOffboarded: (report: string) => void }) {
  const update = useUpdatePerson();
  const [editing, setEditing] = useState(false);
  const editId = useId();
  return (
    <>
      <div className="flex flex-wrap gap-2">
        <Button aria-expanded={editing} aria-controls={editId} onClick={() => setEditing(!editing)}>
          Edit details
        </Button>
        <RemoveAllAccess person={person} onDone={onOffboarded} />
      </div>
      <div id={editId}>
        {editing && (
          <section aria-label={`Edit ${person.name}`} className={`${card} p-4`}>
            <PersonForm
              autoFocus
              initial={{ name: person.name, email: person.email ?? '', phone: person.phone ?? '' }}
              submitLabel="Save"
              pendingLabel="Saving…"
              pending={update.isPending}
              error={update.error}
              onCancel={() => setEditing(false)}
              onSubmit={({ name, email, phone }) =>
                update.mutate(
                  { userid: person.userid, name, email, phone },
                  {
                    onSuccess: (saved) => {
                      setEditing(false);
                      showToast({ tone: 'success', title: `${saved.name} saved` });
                    },
                  },
                )
              }
            />
          </section>
        )}
      </div>
    </>
  );
}

export default PersonPage;
