import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { EventHistory } from '@/features/activity/event-history';
import { LockDetailPage } from '@/features/lock-detail/lock-detail-page';
import { FeatureMissing } from './feature-missing';

/** `/locks/:lockid`: the lock, and below it its history (when the platform keeps one). */
export function LockDetailRoute() {
  const lockid = useParams().lockid ?? '';
  const features = useQuery(appConfigQuery).data?.features;
  return (
    <LockDetailPage key={lockid} lockid={lockid}>
      {features?.eventHistory ? (
        <EventHistory lockid={lockid} title="History" />
      ) : (
        features && <FeatureMissing what="History">This Plus Platform does not keep an event history that Lockboard can read.</FeatureMissing>
      )}
    </LockDetailPage>
  );
}

export default LockDetailRoute;
