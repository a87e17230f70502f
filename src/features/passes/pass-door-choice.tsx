import { useId } from 'react';
import { Button } from '@/components/button';
import { muted } from '@/components/page-styles';
import type { ChosenDoor } from '@/features/access/grant-target';
import { doorKey } from '@/features/access/grant-target';
import { LockOrGroupPicker } from '@/features/access/lock-or-group-picker';

/** The pass's doors: locks and groups found with the access form's picker, each added to the list (and removable). */
export function PassDoorChoice({ doors, onChange, error }: { doors: ChosenDoor[]; onChange: (doors: ChosenDoor[]) => void; error: string | undefined }) {
  const id = useId();
  const add = (door: ChosenDoor) => {
    if (!doors.some((d) => doorKey(d) === doorKey(door))) onChange([...doors, door]);
  };
  return (
    <div className="flex flex-col gap-2">
      <LockOrGroupPicker id={`${id}-find`} chosen={doors.at(-1) ?? null} onChoose={add} error={error} />
      <div aria-live="polite">
        {doors.length === 0 ? (
          <p className={`text-sm ${muted}`}>No doors chosen yet.</p>
        ) : (
          <ul aria-label="Doors of the pass" className="flex flex-wrap gap-2">
            {doors.map((door) => (
              <li key={doorKey(door)} className="flex items-center gap-1 text-sm">
                {door.kind === 'group' ? `Group ${door.name}` : door.name}
                <Button size="sm" variant="ghost" onClick={() => onChange(doors.filter((d) => doorKey(d) !== doorKey(door)))}>
                  Remove <span className="sr-only">{door.name}</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
