import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { AppConfig } from '@contract/app-config';
import { appConfigQuery } from '@/api/app-config';

/** The host as the user knows it: its address for a real one, else "this platform". */
function hostName(config: AppConfig): string {
  if (config.upstreamOrigin) {
    try {
      return new URL(config.upstreamOrigin).host;
    } catch {
      // Not an address: named generically below.
    }
  }
  return 'this platform';
}

/**
 * Why there are no alerts on a host without the event feed (`GET /api/events?afterid=N`), or null
 * when it has one or the settings are not known yet. Alerts are computed from that feed alone.
 */
export function useNoEventFeed(): string | null {
  const config = useQuery(appConfigQuery).data;
  if (!config || config.features.eventFeed) return null;
  return `Alerts need the platform’s event feed, which ${hostName(config)} does not offer.`;
}

/** The Alerts page on such a host: the reason, and where lock states can still be seen. */
export function NoEventFeed({ reason }: { reason: string }) {
  return (
    <section aria-label="Alerts unavailable" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
      <p className="font-medium">{reason}</p>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        Lockboard cannot tell you when something happens here, so there are no alert settings. The{' '}
        <Link to="/locks" className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
          lock list
        </Link>{' '}
        still shows every lock’s state as the platform reports it.
      </p>
    </section>
  );
}
