import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { type Person, grantQueries, peopleQueries, useUpdatePerson } from '@/api/access';
import { appConfigQuery } from '@/api/app-config';
import { ApiError } from '@/api/client';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { FormPanel } from '@/components/list-frame';
import { type DetailPages, DetailFrame, DetailRoute, NOT_A_RECORD, NotFoundPage, PageLoadState, ReadOnlyNote } from '@/components/page-frame';
import { muted, textLink } from '@/components/page-styles';
import { useDisclosure } from '@/components/use-disclosure';
import { mutationFormProps } from '@/components/use-record-form';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { usePageTitle } from '@/lib/page-title';
import { showToast } from '@/lib/toasts';
import { AccessCheckPanel } from '@/features/access-check/access-check-panel';
import { NoAccessFeature } from './people-notes';
import { describeGrantCount, parseUserId } from './people-view';
import { PersonAccess, WhyRefused } from './person-access';
import { PersonActivity } from './person-activity';
import { PersonForm } from './person-form';
import { RemoveAllAccess } from './remove-all-access';

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
    <DetailFrame back={PERSON_PAGES} title={person.name} live={{ query: detail, paused, onRefresh: refresh }} facts={<PersonFacts person={person} />}>

      {isManager && (
        <Link to={`/audit?personid=${person.userid}`} className={`self-start ${textLink}`}>
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
      <AccessCheckPanel subject={{ userid: person.userid, name: person.name }} />
      <PersonActivity userid={person.userid} name={person.name} refetchInterval={refetchInterval} />
    </DetailFrame>
  );
}

/** Email and phone (as links that write or call) and how many grants they hold now. */
function PersonFacts({ person }: { person: Person }) {
  return (
    <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
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

function ManagerActions({ person, onOffboarded }: { person: Person; onOffboarded: (report: string) => void }) {
  const update = useUpdatePerson();
  const edit = useDisclosure();
  return (
    <>
      <div className="flex flex-wrap gap-2">
        <Button {...edit.buttonProps}>
          Edit details
        </Button>
        <RemoveAllAccess person={person} onDone={onOffboarded} />
      </div>
      <div id={edit.regionId}>
        {edit.open && (
          <FormPanel label={`Edit ${person.name}`}>
            <PersonForm
              {...mutationFormProps(update, edit.close)}
              initial={{ name: person.name, email: person.email ?? '', phone: person.phone ?? '' }}
              submitLabel="Save"
              pendingLabel="Saving…"
              onSubmit={({ name, email, phone }) =>
                update.mutate(
                  { userid: person.userid, name, email, phone },
                  {
                    onSuccess: (saved) => {
                      edit.close();
                      showToast({ tone: 'success', title: `${saved.name} saved` });
                    },
                  },
                )
              }
            />
          </FormPanel>
        )}
      </div>
    </>
  );
}

export default PersonPage;
