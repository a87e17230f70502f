import { FieldError } from '@/components/form-field';
import { ChoiceList } from './choice-list';
import { LockPicker } from './lock-picker';
import type { RuleFormValues, ScopeChoice } from './rule-form-values';
import { checkClass, muted } from './settings-shell';

const CHOICES: [ScopeChoice, string][] = [
  ['all', 'All locks'],
  ['groups', 'Groups'],
  ['locks', 'Chosen locks'],
];

/** Which locks a rule watches: all, some groups, or some locks. `groups` null: the platform has none. */
export function RuleScopeFields({
  id,
  values,
  groups,
  error,
  onChange,
}: {
  id: string;
  values: Pick<RuleFormValues, 'scope' | 'groupids' | 'lockids'>;
  groups: readonly { groupid: number; name: string }[] | null;
  error?: string;
  onChange: (patch: Partial<RuleFormValues>) => void;
}) {
  const choices = groups === null ? CHOICES.filter(([choice]) => choice !== 'groups' || values.scope === 'groups') : CHOICES;
  return (
    <fieldset id={id} tabIndex={-1} className="flex min-w-0 flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">Which locks</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {choices.map(([choice, label]) => (
          <label key={choice} className="flex min-h-6 items-center gap-2 text-sm">
            <input type="radio" name={`${id}-scope`} className={checkClass} checked={values.scope === choice} onChange={() => onChange({ scope: choice })} />
            {label}
          </label>
        ))}
      </div>
      {values.scope === 'groups' && (
        <ChoiceList
          id={`${id}-groups`}
          legend="Groups"
          items={(groups ?? []).map((g) => ({ value: g.groupid, label: g.name }))}
          selected={values.groupids}
          onChange={(groupids) => onChange({ groupids })}
          empty={groups === null ? 'This Plus Platform has no lock groups.' : 'There are no lock groups yet.'}
        />
      )}
      {values.scope === 'locks' && <LockPicker picked={values.lockids} onChange={(lockids) => onChange({ lockids })} />}
      {values.scope === 'all' && <p className={`text-xs ${muted}`}>Every lock, including locks added later.</p>}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </fieldset>
  );
}
