import { formatExact, formatRelative } from '@/lib/format';
import { useSharedClock } from '@/lib/use-now';

/** "5 minutes ago", with the exact local time on hover and for assistive tech. */
export function RelativeTime({ ms, className }: { ms: number; className?: string }) {
  const now = useSharedClock();
  const exact = formatExact(ms);
  return (
    <time dateTime={new Date(ms).toISOString().replace('.000Z', 'Z')} title={exact} className={className}>
      {formatRelative(ms, now)}
    </time>
  );
}
