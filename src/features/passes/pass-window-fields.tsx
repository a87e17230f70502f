import { Button } from '@/components/button';
import { TextField } from '@/components/form-field';
import { muted } from '@/components/page-styles';
import { usePlatformZone } from '@/features/access/use-platform-clock';
import { type PassWindow, nextHours, todayOfficeHours } from './pass-window';

/** When the pass works: quick picks ("Today 09:00–17:00", "Next 4 hours") or a custom start and end, on the platform's clock. */
export function PassWindowFields({ id, window, onChange, errors }: { id: string; window: PassWindow; onChange: (w: PassWindow) => void; errors: { start?: string; end?: string } }) {
  const zone = usePlatformZone();
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium">When</legend>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={() => onChange(todayOfficeHours(Date.now(), zone))}>
          Today 09:00–17:00
        </Button>
        <Button size="sm" onClick={() => onChange(nextHours(Date.now(), zone, 4))}>
          Next 4 hours
        </Button>
      </div>
      <div className="grid gap-2 sm:grid-cols-2">
        <TextField id={`${id}-start`} label="Starts" type="datetime-local" value={window.start} error={errors.start} onChange={(e) => onChange({ ...window, start: e.target.value })} />
        <TextField id={`${id}-end`} label="Ends" type="datetime-local" value={window.end} error={errors.end} onChange={(e) => onChange({ ...window, end: e.target.value })} />
      </div>
      <p className={`text-xs ${muted}`}>Times are the site’s ({zone}); a pass lasts at most 31 days.</p>
    </fieldset>
  );
}
