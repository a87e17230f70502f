import { FeatureUnavailable } from '@/components/page-frame';

/** Without the platform's group endpoints: a note, not a failure (and no request for groups). */
export function NoLockGroups() {
  return (
    <FeatureUnavailable label="Lock groups" title="Lock groups are not available">
      This Plus Platform has no lock groups that Lockboard can read. Every lock is still on the Locks page.
    </FeatureUnavailable>
  );
}
