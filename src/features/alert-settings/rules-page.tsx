import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RuleKind } from '@contract/team-alerts';
import { type Rule, alertSettingsQueries, useDeleteRule, useUpdateRule } from '@/api/alert-settings';
import { appConfigQuery } from '@/api/app-config';
import { lockGroupQueries } from '@/api/lockgroups';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { LoadFailed, Loading } from '@/components/load-state';
import { showToast } from '@/lib/toasts';
import { RuleEditor } from './rule-editor';
import { type RuleActions, RulesTable } from './rules-table';
import { SettingsPage, card, muted } from './settings-shell';

type Editing = { rule: (Rule & { kind: RuleKind }) | null } | null;

function useRuleActions(setEditing: (editing: Editing) => void) {
  const update = useUpdateRule();
  const remove = useDeleteRule();
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const fail = (title: string) => (error: Error) => showToast({ tone: 'error', title, body: error.message });
  const actions: RuleActions = {
    onEdit: (rule) => rule.kind && setEditing({ rule: { ...rule, kind: rule.kind } }),
    onDelete: setDeleting,
    onToggle: (rule) => update.mutate({ ruleid: rule.ruleid, enabled: !rule.enabled }, { onError: fail(`${rule.name} could not be changed`) }),
    toggling: update.isPending ? (update.variables?.ruleid ?? null) : null,
  };
  const dialog = (
    <ConfirmDialog
      open={deleting !== null}
      title={`Delete “${deleting?.name ?? ''}”?`}
      confirmLabel="Delete rule"
      onCancel={() => setDeleting(null)}
      onConfirm={() => {
        if (deleting) remove.mutate(deleting.ruleid, { onError: fail(`${deleting.name} could not be deleted`) });
        setDeleting(null);
      }}
    >
      No new alerts come from this rule. Alerts it already raised stay in the inbox.
    </ConfirmDialog>
  );
  return { actions, dialog };
}

/** `/alerts/rules`: what raises a team alert and who is told. Managers change rules; support reads them. */
export function RulesPage() {
  const features = useQuery(appConfigQuery).data?.features;
  const isManager = useQuery(sessionQueries.me()).data?.user?.role === 'manager';
  const rules = useQuery(alertSettingsQueries.rules());
  const contacts = useQuery({ ...alertSettingsQueries.contacts(), enabled: isManager });
  const groups = useQuery({ ...lockGroupQueries.everyGroup(), enabled: !!features?.lockGroups });
  const [editing, setEditing] = useState<Editing>(null);
  const { actions, dialog } = useRuleActions(setEditing);
  const groupList = features && !features.lockGroups ? null : (groups.data ?? []);
  const groupName = (groupid: number) => groups.data?.find((g) => g.groupid === groupid)?.name;

  let body;
  if (rules.data) {
    body =
      rules.data.length === 0 ? (
        <p className={`px-4 py-8 text-center ${muted}`}>There are no alert rules.</p>
      ) : (
        <RulesTable rules={rules.data} contacts={contacts.data} groupName={groupName} actions={isManager ? actions : null} />
      );
  } else if (rules.isError) {
    body = <LoadFailed layout="list" title="The rules could not be loaded." error={rules.error} onRetry={() => void rules.refetch()} />;
  } else body = <Loading layout="list" label="Loading the rules…" />;

  return (
    <SettingsPage
      title="Alert rules"
      intro="What raises a team alert, for which locks and when, and who is told."
      actions={
        isManager ? (
          <Button variant="primary" aria-expanded={editing?.rule === null} onClick={() => setEditing(editing?.rule === null ? null : { rule: null })}>
            New rule
          </Button>
        ) : (
          <p className={`text-sm ${muted}`}>Your account is read-only: a manager changes the rules.</p>
        )
      }
    >
      {isManager && editing && (
        <RuleEditor key={editing.rule?.ruleid ?? 'new'} rule={editing.rule} contacts={contacts.data} groups={groupList} onDone={() => setEditing(null)} />
      )}
      <section aria-label="Rules" aria-busy={rules.isPending} className={`overflow-hidden ${card}`}>
        {body}
      </section>
      {contacts.isError && <p className={`text-sm ${muted}`}>The contacts could not be loaded: recipients are shown by number.</p>}
      {dialog}
    </SettingsPage>
  );
}

export default RulesPage;
