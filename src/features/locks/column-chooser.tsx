import { useEffect, useId, useRef, useState } from 'react';
import { cn } from '@/components/cn';
import { COLUMN_LABELS, OPTIONAL_COLUMNS, type OptionalColumn } from './lock-columns';

const PANEL_PX = 256;

/**
 * "Columns": which optional columns the table has (a disclosure with checkboxes). Columns that do
 * not fit the width stay in each row's details. Escape or a click elsewhere closes it; Escape gives
 * the focus back to the button.
 */
export function ColumnChooser({
  available,
  chosen,
  onChange,
}: {
  available: ReadonlySet<OptionalColumn>;
  chosen: ReadonlySet<OptionalColumn>;
  onChange: (next: ReadonlySet<OptionalColumn>) => void;
}) {
  const [open, setOpen] = useState(false);
  // The panel opens toward the side with room: under a button near the left edge (a phone), it
  // starts at the button; elsewhere it ends at it.
  const [alignLeft, setAlignLeft] = useState(false);
  const panelId = useId();
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (box.current && !box.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const columns = OPTIONAL_COLUMNS.filter((id) => available.has(id));
  return (
    <div ref={box} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          const rect = button.current?.getBoundingClientRect();
          setAlignLeft(!!rect && rect.right < PANEL_PX + 16);
          setOpen(!open);
        }}
        className={cn(
          'inline-flex min-h-8 items-center gap-1.5 rounded-md px-3 text-sm font-medium ring-1 ring-slate-300 ring-inset hover:bg-slate-50 dark:ring-slate-700 dark:hover:bg-slate-800',
          open && 'bg-slate-100 dark:bg-slate-800',
        )}
      >
        Columns
      </button>
      <div
        id={panelId}
        hidden={!open}
        className={cn(
          'absolute z-20 mt-1 w-64 max-w-[calc(100vw-2rem)] rounded-lg bg-white p-3 shadow-lg ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-700',
          alignLeft ? 'left-0' : 'right-0',
        )}
      >
        <fieldset>
          <legend className="text-sm font-semibold">Columns to show</legend>
          <div className="mt-2 flex flex-col gap-1">
            {columns.map((id) => (
              <label key={id} className="flex min-h-8 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-indigo-600"
                  checked={chosen.has(id)}
                  onChange={(event) => {
                    const next = new Set(chosen);
                    if (event.target.checked) next.add(id);
                    else next.delete(id);
                    onChange(next);
                  }}
                />
                {COLUMN_LABELS[id]}
              </label>
            ))}
          </div>
        </fieldset>
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">Columns that do not fit the window are in each lock’s details (›).</p>
      </div>
    </div>
  );
}
