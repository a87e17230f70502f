import { type ReactNode, useId } from 'react';
import { AUDIT_RESULTS } from '@contract/audit';
import { Button } from '@/components/button';
import { WarningIcon } from '@/components/icons';
import { LabelledField } from '@/components/labelled-field';
import { type AuditView, isBadRange, isFiltered } from './audit-view';
import { ACTION_GROUPS, ACTION_LABELS, RESULT_WORDS } from './describe-record';
import { field } from './audit-styles';

export interface Named {
  id: string;
  name: string;
}

/** The choices of a select: every known one, and the chosen one even when its name is not known. */
function choices(known: readonly Named[], chosen: string | null, unknown: (id: string) => string): Named[] {
  return chosen && !known.some((k) => k.id === chosen) ? [...known, { id: chosen, name: unknown(chosen) }] : [...known];
}

function Field({ id, text, children, wide = false }: { id: string; text: string; children: ReactNode; wide?: boolean }) {
  return (
    <LabelledField id={id} label={text} look="filter" className={wide ? 'w-full min-[400px]:w-56' : 'w-full min-[400px]:w-auto'}>
      {children}
    </LabelledField>
  );
}

/**
 * The trail's filters, in the URL: who did it (the names on the records shown), what, its result,
 * the lock (an ID, applied on Enter or on leaving the field), the group, and the days. A link about a
 * person (`personid`) shows as a line that can be removed.
 */
export function AuditFilters({ view, onChange, people, groups, personName }: { view: AuditView; onChange: (patch: Partial<AuditView>) => void; people: readonly Named[]; groups: readonly Named[]; personName: string | null }) {
  const ids = { who: useId(), action: useId(), result: useId(), lock: useId(), group: useId(), from: useId(), to: useId(), range: useId() };
  const badRange = isBadRange(view);
  const applyLock = (value: string) => value.trim() !== (view.lockid ?? '') && onChange({ lockid: value.trim() || null });
  const date = (id: string, key: 'from' | 'to', text: string) => (
    <Field id={id} text={text}>
      <input id={id} type="date" value={view[key] ?? ''} aria-invalid={badRange || undefined} aria-describedby={badRange ? ids.range : undefined} onChange={(e) => onChange({ [key]: e.target.value || null })} className={field} />
    </Field>
  );
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <Field id={ids.who} text="Who">
          <select id={ids.who} value={view.userid ?? ''} onChange={(e) => onChange({ userid: e.target.value || null })} className={field}>
            <option value="">Anyone</option>
            {choices(people, view.userid, (id) => `User ${id}`).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={ids.action} text="Action">
          <select id={ids.action} value={view.action ?? ''} onChange={(e) => onChange({ action: (e.target.value || null) as AuditView['action'] })} className={field}>
            <option value="">Every action</option>
            {ACTION_GROUPS.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.actions.map((action) => (
                  <option key={action} value={action}>
                    {ACTION_LABELS[action]}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field id={ids.result} text="Result">
          <select id={ids.result} value={view.result ?? ''} onChange={(e) => onChange({ result: (e.target.value || null) as AuditView['result'] })} className={field}>
            <option value="">Any result</option>
            {AUDIT_RESULTS.map((result) => (
              <option key={result} value={result}>
                {RESULT_WORDS[result]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={ids.lock} text="Lock ID" wide>
          <input
            key={view.lockid ?? ''}
            id={ids.lock}
            type="search"
            defaultValue={view.lockid ?? ''}
            placeholder="Any lock"
            onBlur={(e) => applyLock(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && applyLock(e.currentTarget.value)}
            className={field}
          />
        </Field>
        <Field id={ids.group} text="Group">
          <select id={ids.group} value={view.groupid ?? ''} onChange={(e) => onChange({ groupid: e.target.value || null })} className={field}>
            <option value="">Any group</option>
            {choices(groups, view.groupid, (id) => `Group ${id}`).map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </Field>
        <div className="flex w-full gap-3 min-[400px]:w-auto">
          {date(ids.from, 'from', 'From')}
          {date(ids.to, 'to', 'To')}
        </div>
        {isFiltered(view) && (
          <Button onClick={() => onChange({ userid: null, action: null, lockid: null, groupid: null, personid: null, result: null, from: null, to: null })}>Clear filters</Button>
        )}
      </div>
      {view.personid && (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span>
            Only records about <span className="font-medium">{personName ?? `person ${view.personid}`}</span>
          </span>
          <Button size="sm" onClick={() => onChange({ personid: null })}>
            Show everyone’s
          </Button>
        </p>
      )}
      {badRange && (
        <p id={ids.range} role="alert" className="flex items-start gap-2 text-sm font-medium text-red-700 dark:text-red-300">
          <WarningIcon className="mt-0.5 shrink-0" />
          The “From” date is after the “To” date. Change one of them to see records and to export them.
        </p>
      )}
    </div>
  );
}
