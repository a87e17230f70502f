import { FeatureUnavailable } from '@/components/page-frame';

/** Without the platform's access endpoints: a note, not a failure (and no request for people). */
export function NoAccessFeature() {
  return (
    <FeatureUnavailable label="People" title="People and access are not available">
      This Plus Platform has no people or access grants that Lockboard can read. Locks, groups and their history are still here.
    </FeatureUnavailable>
  );
}
