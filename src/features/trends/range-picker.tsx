import { READINGS_RANGES, RANGE_DAYS, type ReadingsRange } from '@/api/readings';
import { Button } from '@/components/button';

/** 7, 30 or 90 days: toggle buttons (the pressed one is the period shown). */
export function RangePicker({ range, onChange }: { range: ReadingsRange; onChange: (range: ReadingsRange) => void }) {
  return (
    <div role="group" aria-label="Period" className="flex flex-wrap gap-2">
      {READINGS_RANGES.map((choice) => (
        <Button key={choice} size="sm" aria-pressed={choice === range} onClick={() => onChange(choice)}>
          {RANGE_DAYS[choice]} days
        </Button>
      ))}
    </div>
  );
}
