import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { appConfigQuery } from '@/api/app-config';
import { lockGroupQueries } from '@/api/lockgroups';
import { scheduleQueries, useSaveSchedule } from '@/api/schedules';
import { sessionQueries } from '@/api/session';
import { ListBody, ListSection, ListToolbar } from '@/components/list-frame';
import { FeatureUnavailable, PageDescription, PageFrame, PageHeading } from '@/components/page-frame';
import { useNow } from '@/lib/use-now';
import { showToast } from '@/lib/toasts';
import { HolidaysSection } from './holidays-section';
import { type ScheduleContext, ScheduleCard } from './schedule-card';
import { ScheduleForm } from './schedule-form';
import { newScheduleValues } from './schedule-form-values';

function NewSchedule({ context, onDone }: { context: ScheduleContext; onDone: () => void }) {
  const save = useSaveSchedule();
  return (
    <ScheduleForm
      initial={newScheduleValues(context.clock.zone)}
      holidays={context.holidays}
      groups={context.groups}
      now={context.clock.now}
      submitLabel="Create schedule"
      pendingLabel="Creating…"
      pending={save.isPending}
      error={save.error}
      autoFocus
      onCancel={onDone}
      onSubmit={(body) =>
        save.mutate({ body }, { onSuccess: (created) => { onDone(); showToast({ tone: 'success', title: `${created.name} created`, body: 'Its doors follow it within seconds.' }); } })
      }
    />
  );
}

/**
 * `/schedules`: every door schedule in words, what it drives and what it does next, and the
 * holidays they skip. A manager creates, edits and deletes; support only reads. `now`: for tests.
 */
export function SchedulesPage({ now: givenNow }: { now?: number }) {
  const config = useQuery(appConfigQuery).data;
  const user = useQuery(sessionQueries.me()).data?.user;
  const ticking = useNow(30_000);
  const [q, setQ] = useState('');
  const enabled = !!config?.features.schedules;
  const refetchInterval = config ? config.pollIntervalMs : false;
  const list = useQuery({ ...scheduleQueries.list(), enabled, refetchInterval });
  const holidays = useQuery({ ...scheduleQueries.holidays(), enabled });
  const groups = useQuery({ ...lockGroupQueries.everyGroup(), enabled: enabled && !!config?.features.lockGroups });

  const heading = (
    <PageHeading title="Schedules">
      <PageDescription>Doors that keep hours: each schedule unlocks its doors inside its windows and locks them at the end, except on its holidays.</PageDescription>
    </PageHeading>
  );
  if (!config) return <PageFrame>{heading}</PageFrame>;
  if (!enabled) {
    return (
      <PageFrame>
        {heading}
        <FeatureUnavailable label="Schedules" title="Schedules are not available">This Plus Platform does not run door schedules.</FeatureUnavailable>
      </PageFrame>
    );
  }
  const isManager = user?.role === 'manager';
  const context: ScheduleContext = { clock: { now: givenNow ?? ticking, zone: config.timezone }, holidays: holidays.data ?? [], groups: groups.data ?? [], isManager };
  const shown = (list.data ?? []).filter((s) => s.name.toLowerCase().includes(q.trim().toLowerCase()));
  const empty = !list.data || shown.length > 0 ? null : list.data.length === 0 ? { message: 'There are no schedules yet.', action: null } : { message: 'No schedule matches your filter.', action: { label: 'Clear the filter', onClick: () => setQ('') } };
  return (
    <PageFrame>
      {heading}
      <ListToolbar
        create={isManager ? { label: 'New schedule', title: 'New schedule', form: (close) => <NewSchedule context={context} onDone={close} /> } : null}
        readOnlyNote={user ? 'Your account is read-only: a manager creates and changes schedules and holidays.' : null}
        search={{ label: 'Filter schedules', placeholder: 'Filter by name', value: q, onChange: setQ }}
      />
      <ListSection label="Schedules" busy={!list.data && !list.isError}>
        <ListBody loaded={!!list.data} query={list} loadingLabel="Loading the schedules…" failedTitle="The schedules could not be loaded." empty={empty}>
          <ul>
            {shown.map((schedule) => (
              <ScheduleCard key={schedule.scheduleid} schedule={schedule} context={context} />
            ))}
          </ul>
        </ListBody>
      </ListSection>
      <HolidaysSection holidays={holidays.data} failed={holidays.error} canChange={isManager} />
    </PageFrame>
  );
}

export default SchedulesPage;
