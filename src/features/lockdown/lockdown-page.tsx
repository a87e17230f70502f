import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { CommandLockdown } from './command-lockdown';
import { Shell, linkClass, muted } from './lockdown-frame';
import { Loading, Note } from './lockdown-notes';
import { readScopeParam } from './lockdown-scope';
import { ScopedLockdown } from './scoped-lockdown';
import { StateLockdown } from './state-lockdown';

/**
 * `/lockdown`: a lockdown of every lock or of the chosen groups (`?group=N` chooses one to start
 * with), behind a typed confirmation. A platform with lockdowns keeps one as a state; without, it
 * is batched lock commands with progress, then the doors it could not reach.
 */
export function LockdownPage() {
  const [search] = useSearchParams();
  const param = readScopeParam(search);
  const config = useQuery(appConfigQuery);
  const user = useQuery(sessionQueries.me()).data?.user;

  if (config.isError) {
    return (
      <Shell>
        <Note title="Lockboard's settings could not be loaded" alert>
          <p className={muted}>{config.error.message}</p>
          <Button onClick={() => void config.refetch()}>Try again</Button>
        </Note>
      </Shell>
    );
  }
  if (!config.data || !user) {
    return (
      <Shell>
        <Loading />
      </Shell>
    );
  }
  if (param.kind !== 'fleet' && !config.data.features.lockGroups) {
    return (
      <Shell subtitle="One group">
        <Note title="Lock groups are not available">
          <p className={muted}>This Plus Platform has no lock groups, so a lockdown of one group cannot be sent. The whole fleet can still be locked down.</p>
          <Link to="/lockdown" className={linkClass}>
            Lock down the whole fleet instead
          </Link>
        </Note>
      </Shell>
    );
  }
  // A new address (e.g. a link to another group) starts the choice afresh.
  return <ScopedLockdown key={search.toString()} param={param} Lockdown={config.data.features.lockdowns ? StateLockdown : CommandLockdown} />;
}

export default LockdownPage;
