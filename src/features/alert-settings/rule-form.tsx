import { type FormEvent, useId, useState } from 'react';
import type { RuleKind } from '@contract/team-alerts';
import { type ContactRow, type RuleInput, RULE_KINDS, RULE_KIND_INFO } from '@/api/alert-settings';
import { FormActions, FormError, TextField } from '@/components/form-field';
import { MAX_RULE_NAME, type RuleFormErrors, type RuleFormValues, ruleInput, validateRule } from './rule-form-values';
import { RuleRecipientFields } from './rule-recipient-fields';
import { RuleScheduleFields } from './rule-schedule-fields';
import { RuleScopeFields } from './rule-scope-fields';
import { checkClass, selectClass } from './settings-shell';

/** Where the focus goes for each error, first one first. */
const FIELD_OF_ERROR: [keyof RuleFormErrors, string][] = [
  ['name', 'name'],
  ['threshold', 'threshold'],
  ['scope', 'scope'],
  ['days', 'days'],
  ['hours', 'from'],
  ['timezone', 'timezone'],
  ['escalateAfter', 'escalate-after'],
  ['escalateContactids', 'escalate-to'],
];

export interface RuleFormProps {
  initial: RuleFormValues;
  /** undefined while they load. */
  contacts: readonly ContactRow[] | undefined;
  /** null: the platform has no lock groups. */
  groups: readonly { groupid: number; name: string }[] | null;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** The server's refusal of the last submission: shown above the buttons, with everything typed kept. */
  error: unknown;
  onSubmit: (input: RuleInput) => void;
  onCancel: () => void;
}

/** A rule: what, which locks, when, who is told and who next. Checked here before it is sent. */
export function RuleForm({ initial, contacts, groups, submitLabel, pendingLabel, pending, error, onSubmit, onCancel }: RuleFormProps) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<RuleFormErrors>({});
  const [tried, setTried] = useState(false);
  const change = (patch: Partial<RuleFormValues>) => {
    const next = { ...values, ...patch };
    setValues(next);
    if (tried) setErrors(validateRule(next));
  };
  const changeKind = (kind: RuleKind) =>
    change({ kind, ...(values.kind !== kind ? { threshold: String(RULE_KIND_INFO[kind].defaultThresholdS / 60) } : {}) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateRule(values);
    setTried(true);
    setErrors(found);
    const first = FIELD_OF_ERROR.find(([key]) => found[key]);
    if (first) {
      document.getElementById(`${id}-${first[1]}`)?.focus();
      return;
    }
    onSubmit(ruleInput(values));
  };

  const threshold = RULE_KIND_INFO[values.kind].threshold;
  return (
    <form onSubmit={submit} noValidate className="flex max-w-2xl flex-col gap-5">
      <TextField
        id={`${id}-name`}
        label="Name"
        value={values.name}
        maxLength={MAX_RULE_NAME}
        autoComplete="off"
        autoFocus
        hint="What people see in the message, e.g. “Server rooms at night”."
        error={errors.name}
        onChange={(event) => change({ name: event.target.value })}
      />
      <div>
        <label htmlFor={`${id}-kind`} className="mb-1 block text-sm font-medium">
          What
        </label>
        <select id={`${id}-kind`} value={values.kind} className={selectClass} onChange={(event) => changeKind(event.target.value as RuleKind)}>
          {RULE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {RULE_KIND_INFO[kind].label}
            </option>
          ))}
        </select>
      </div>
      {threshold && (
        <div className="max-w-xs">
          <TextField
            id={`${id}-threshold`}
            label={`${threshold} (minutes)`}
            inputMode="decimal"
            value={values.threshold}
            error={errors.threshold}
            onChange={(event) => change({ threshold: event.target.value })}
          />
        </div>
      )}
      <RuleScopeFields id={`${id}-scope`} values={values} groups={groups} error={errors.scope} onChange={change} />
      <RuleScheduleFields id={id} values={values} errors={errors} onChange={change} />
      <RuleRecipientFields id={id} values={values} contacts={contacts} errors={errors} onChange={change} />
      <label className="flex min-h-6 items-center gap-2 text-sm">
        <input type="checkbox" className={checkClass} checked={values.enabled} onChange={(event) => change({ enabled: event.target.checked })} />
        Enabled
      </label>
      {error != null && <FormError>{error instanceof Error ? error.message : 'The rule could not be saved.'}</FormError>}
      <FormActions submitLabel={submitLabel} pendingLabel={pendingLabel} pending={pending} onCancel={onCancel} />
    </form>
  );
}
