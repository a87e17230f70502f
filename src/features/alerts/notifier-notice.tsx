import type { NotifierState } from '@/api/team-alerts';
import { WarningIcon } from '@/components/icons';

const HEADLINE: Record<Exclude<NotifierState['state'], 'running'>, string> = {
  off: 'Alerts are not being watched',
  unavailable: 'Alerts are not being watched',
  standby: 'No copy of Lockboard is watching for alerts right now',
};

/** Why new alerts may not be arriving (the notifier is off or cannot read the feed); nothing while it runs. */
export function NotifierNotice({ notifier }: { notifier: NotifierState | null }) {
  if (!notifier || notifier.state === 'running') return null;
  return (
    <section
      aria-label="Alert watching"
      className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-amber-600/30 ring-inset dark:bg-amber-500/10 dark:text-amber-100"
    >
      <WarningIcon className="mt-0.5 shrink-0" />
      <p>
        <strong className="font-semibold">
          {HEADLINE[notifier.state]}
          {notifier.msg ? ': ' : '.'}
        </strong>
        {notifier.msg}
        <span className="block text-amber-900 dark:text-amber-200">The alerts already raised are below, and the rest of Lockboard works as usual.</span>
      </p>
    </section>
  );
}
