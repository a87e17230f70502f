import { useId } from 'react';
import type { RuleKind } from '@contract/team-alerts';
import { type ContactRow, type Rule, useCreateRule, useUpdateRule } from '@/api/alert-settings';
import { showToast } from '@/lib/toasts';
import { RuleForm } from './rule-form';
import { newRuleValues, ruleValues } from './rule-form-values';
import { card } from './settings-shell';

/** The panel in which a manager writes a new rule (`rule` null) or changes one. */
export function RuleEditor({
  rule,
  contacts,
  groups,
  onDone,
}: {
  rule: (Rule & { kind: RuleKind }) | null;
  /** undefined while they load. */
  contacts: readonly ContactRow[] | undefined;
  groups: readonly { groupid: number; name: string }[] | null;
  onDone: () => void;
}) {
  const create = useCreateRule();
  const update = useUpdateRule();
  const titleId = useId();
  const mutation = rule ? update : create;
  return (
    <section aria-labelledby={titleId} className={`${card} p-4`}>
      <h2 id={titleId} className="mb-3 text-lg font-semibold break-words">
        {rule ? `Edit “${rule.name}”` : 'New rule'}
      </h2>
      <RuleForm
        initial={rule ? ruleValues(rule) : newRuleValues()}
        contacts={contacts}
        groups={groups}
        submitLabel={rule ? 'Save rule' : 'Create rule'}
        pendingLabel="Saving…"
        pending={mutation.isPending}
        error={mutation.error}
        onCancel={onDone}
        onSubmit={(input) => {
          const done = (saved: Rule) => {
            showToast({ tone: 'success', title: `${saved.name} saved` });
            onDone();
          };
          if (rule) update.mutate({ ruleid: rule.ruleid, ...input }, { onSuccess: done });
          else create.mutate(input, { onSuccess: done });
        }}
      />
    </section>
  );
}
