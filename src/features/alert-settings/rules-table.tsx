import type { ContactRow, Rule } from '@/api/alert-settings';
import { Button } from '@/components/button';
import { contactNames, escalationText, scopeText, whatText, whenText } from './rule-text';
import { muted, tdClass, TableHead, warningText } from './settings-shell';

export interface RuleActions {
  onEdit: (rule: Rule) => void;
  onDelete: (rule: Rule) => void;
  onToggle: (rule: Rule) => void;
  /** The rule whose enabled state is being changed. */
  toggling: number | null;
}

function Recipients({ ids, contacts }: { ids: number[]; contacts: readonly ContactRow[] | undefined }) {
  const names = contactNames(ids, contacts);
  return names ? <>{names}</> : <span className={warningText}>⚠ No one is told</span>;
}

function RuleRow({ rule, contacts, groupName, actions }: { rule: Rule; contacts: readonly ContactRow[] | undefined; groupName: (id: number) => string | undefined; actions: RuleActions | null }) {
  return (
    <tr data-ruleid={rule.ruleid} className="border-t border-slate-200 dark:border-slate-800">
      <th scope="row" className={`${tdClass} font-medium break-words`}>
        {rule.name}
      </th>
      <td className={tdClass}>{whatText(rule)}</td>
      <td className={tdClass}>{scopeText(rule.scope, groupName)}</td>
      <td className={tdClass}>{whenText(rule)}</td>
      <td className={tdClass}>
        <Recipients ids={rule.contactids} contacts={contacts} />
      </td>
      <td className={tdClass}>{escalationText(rule, contacts)}</td>
      <td className={tdClass}>
        {actions ? (
          <label className="flex items-center gap-2 whitespace-nowrap">
            <input
              type="checkbox"
              className="size-4"
              checked={rule.enabled}
              disabled={actions.toggling === rule.ruleid}
              onChange={() => actions.onToggle(rule)}
              aria-label={`${rule.name} enabled`}
            />
            {rule.enabled ? 'On' : 'Off'}
          </label>
        ) : rule.enabled ? (
          'On'
        ) : (
          <span className={muted}>Off</span>
        )}
      </td>
      {actions && (
        <td className={`${tdClass} whitespace-nowrap`}>
          <div className="flex gap-1">
            <Button size="sm" disabled={!rule.kind} onClick={() => actions.onEdit(rule)} aria-label={`Edit ${rule.name}`}>
              Edit
            </Button>
            <Button size="sm" variant="ghost" onClick={() => actions.onDelete(rule)} aria-label={`Delete ${rule.name}`}>
              Delete
            </Button>
          </div>
        </td>
      )}
    </tr>
  );
}

const HEADINGS = ['Name', 'What', 'Which locks', 'When', 'Tell', 'Escalation', 'Enabled'];

/** Every rule; with `actions` (a manager), Edit, Delete and the Enabled switch on each. */
export function RulesTable({ rules, contacts, groupName, actions }: { rules: Rule[]; contacts: readonly ContactRow[] | undefined; groupName: (id: number) => string | undefined; actions: RuleActions | null }) {
  return (
    <div className="overflow-x-auto">
      <table aria-label="Alert rules" className="w-full text-left text-sm">
        <TableHead headings={HEADINGS} actions={!!actions} />
        <tbody>
          {rules.map((rule) => (
            <RuleRow key={rule.ruleid} rule={rule} contacts={contacts} groupName={groupName} actions={actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
