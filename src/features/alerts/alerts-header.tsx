import type { User } from '@contract/auth';
import { AlertBell } from './alert-bell';
import { AlertWatcher } from './alert-watcher';

/** What the header carries for alerts: the bell, and the watcher behind it. Loaded after the first screen. */
export function AlertsHeader({ user }: { user: User }) {
  return (
    <>
      <AlertWatcher user={user} />
      <AlertBell user={user} />
    </>
  );
}

export default AlertsHeader;
