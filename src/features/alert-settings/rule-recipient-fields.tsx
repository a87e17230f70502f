import { Link } from 'react-router';
import type { ContactRow } from '@/api/alert-settings';
import { TextField } from '@/components/form-field';
import { ChoiceList } from './choice-list';
import type { RuleFormErrors, RuleFormValues } from './rule-form-values';
import { checkClass, linkClass, warningText } from './settings-shell';

const CHANNEL_NAME = { email: 'E-mail', webhook: 'Webhook', slack: 'Slack' } as const;

function contactItems(contacts: readonly ContactRow[]) {
  return contacts.map((c) => ({ value: c.contactid, label: c.name, detail: `${c.channel ? CHANNEL_NAME[c.channel] : 'Unknown channel'}${c.enabled ? '' : ', disabled'}` }));
}

const addContactFirst = (
  <>
    No contacts yet.{' '}
    <Link to="/alerts/contacts" className={linkClass}>
      Add a contact first
    </Link>
    .
  </>
);

/** Who is told, and optionally who is told next when nobody acknowledges in time. */
export function RuleRecipientFields({
  id,
  values,
  contacts,
  errors,
  onChange,
}: {
  id: string;
  values: Pick<RuleFormValues, 'contactids' | 'escalate' | 'escalateAfter' | 'escalateContactids'>;
  /** undefined while they load. */
  contacts: readonly ContactRow[] | undefined;
  errors: RuleFormErrors;
  onChange: (patch: Partial<RuleFormValues>) => void;
}) {
  const items = contactItems(contacts ?? []);
  const empty = contacts ? addContactFirst : 'Loading the contacts…';
  return (
    <>
      <ChoiceList
        id={`${id}-recipients`}
        legend="Tell"
        items={items}
        selected={values.contactids}
        onChange={(contactids) => onChange({ contactids })}
        empty={empty}
        hint={values.contactids.length === 0 && items.length > 0 ? <span className={warningText}>No one is told until you choose a contact.</span> : undefined}
      />
      <fieldset className="flex min-w-0 flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Escalation</legend>
        <label className="flex min-h-6 items-center gap-2 text-sm">
          <input type="checkbox" className={checkClass} checked={values.escalate} onChange={(event) => onChange({ escalate: event.target.checked })} />
          If nobody acknowledges in time, tell more people
        </label>
        {values.escalate && (
          <div className="flex flex-col gap-3 border-l-2 border-slate-200 pl-3 dark:border-slate-700">
            <div className="max-w-xs">
              <TextField
                id={`${id}-escalate-after`}
                label="If nobody acknowledges within (minutes)"
                inputMode="decimal"
                value={values.escalateAfter}
                error={errors.escalateAfter}
                onChange={(event) => onChange({ escalateAfter: event.target.value })}
              />
            </div>
            <ChoiceList
              id={`${id}-escalate-to`}
              legend="Then notify"
              items={items}
              selected={values.escalateContactids}
              onChange={(escalateContactids) => onChange({ escalateContactids })}
              empty={empty}
              error={errors.escalateContactids}
            />
          </div>
        )}
      </fieldset>
    </>
  );
}
