import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { lockFromLists, lockQueries } from '@/api/locks';
import { AccessCheckPanel } from '@/features/access/access-check-panel';
import { EventHistory } from '@/features/activity/event-history';
import { LockDetailPage } from '@/features/lock-detail/lock-detail-page';
import { SchedulePanel } from '@/features/schedules/schedule-panel';
import { TrendsSection } from '@/features/trends/trends-section';
import { usePageTitle } from '@/lib/page-title';
import { usePageHydrated } from '../hooks/page-hydrated';
import { useViewerIntl } from '../hooks/viewer-intl';
import { FeatureMissing } from './feature-missing';

/** The tab is named after the lock ("Cedar Court Lobby · Lockboard"), read from what the page loads. */
function useLockTitle(lockid: string, viaList: boolean) {
  const queryClient = useQueryClient();
  const name = useQuery({
    ...lockQueries.detail(lockid, viaList),
    enabled: false,
    placeholderData: () => lockFromLists(queryClient, lockid),
    select: (lock) => lock.name ?? lock.lockid,
  }).data;
  usePageTitle(name ?? (lockid || 'Lock'));
}

/** The lock's schedule, read from the lock the page polls (its row says the schedule's state now). */
function LockSchedule({ lockid, viaList }: { lockid: string; viaList: boolean }) {
  const lock = useQuery({ ...lockQueries.detail(lockid, viaList), enabled: false }).data;
  return lock ? <SchedulePanel target={{ lock }} /> : null;
}

/** "Can this person open this door now?" for the lock, named as the page loads it. */
function LockAccessCheck({ lockid, viaList }: { lockid: string; viaList: boolean }) {
  const lock = useQuery({ ...lockQueries.detail(lockid, viaList), enabled: false }).data;
  return lock ? <AccessCheckPanel subject={{ lockid: lock.lockid, name: lock.name ?? lock.lockid }} /> : null;
}

/** `/locks/:lockid`: the lock, its schedule, its trends (when the platform keeps readings), and below it its history (when it keeps one). */
export function LockDetailRoute() {
  const lockid = useParams().lockid ?? '';
  const features = useQuery(appConfigQuery).data?.features;
  const intl = useViewerIntl();
  usePageHydrated();
  useLockTitle(lockid, features ? !features.lockDetail : false);
  return (
    <LockDetailPage key={lockid} lockid={lockid} intl={intl}>
      {features?.schedules && <LockSchedule lockid={lockid} viaList={!features.lockDetail} />}
      {features?.accessCheck && <LockAccessCheck lockid={lockid} viaList={!features.lockDetail} />}
      {features?.readings && <TrendsSection lockid={lockid} intl={intl} />}
      {features?.eventHistory ? (
        <EventHistory lockid={lockid} title="History" intl={intl} />
      ) : (
        features && <FeatureMissing what="History">This Plus Platform does not keep an event history that Lockboard can read.</FeatureMissing>
      )}
    </LockDetailPage>
  );
}

export default LockDetailRoute;
