import { useOpenTeamAlerts } from '@/api/team-alerts';
import { AlertBell } from './alert-bell';
import { useNewAlertToasts } from './use-new-alert-toasts';

/**
 * What the header carries for alerts: the bell with the unread open alerts, toasts for new ones, and
 * a polite announcement of them. Loaded after the first screen;
 * keyed by the user in the layout (another user starts afresh).
 */
export function AlertsHeader() {
  const open = useOpenTeamAlerts();
  const alerts = open.data?.alerts;
  const announcement = useNewAlertToasts(alerts);
  const unread = alerts?.filter((a) => !a.read).length ?? 0;
  return (
    <>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <AlertBell unread={unread} />
    </>
  );
}

export default AlertsHeader;
