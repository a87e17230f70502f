import { useQuery } from '@tanstack/react-query';
import { appConfigQuery } from '@/api/app-config';
import { ActivityPage } from '@/features/activity/activity-page';
import { usePageHydrated } from '../hooks/page-hydrated';
import { useViewerIntl } from '../hooks/viewer-intl';
import { FeatureMissing } from './feature-missing';

export function ActivityRoute() {
  const features = useQuery(appConfigQuery).data?.features;
  const intl = useViewerIntl();
  usePageHydrated();
  if (features && !features.eventHistory) {
    return (
      <div className="mx-auto flex max-w-screen-2xl flex-col gap-4 px-4 py-6 sm:px-6">
        <h1 className="text-2xl font-semibold tracking-tight">Activity</h1>
        <FeatureMissing what="Activity">This Plus Platform does not keep an event history that Lockboard can read.</FeatureMissing>
      </div>
    );
  }
  return <ActivityPage intl={intl} />;
}

export default ActivityRoute;
