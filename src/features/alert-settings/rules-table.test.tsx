import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ContactRow, Rule } from '@/api/alert-settings';
import { renderAt } from '@/testing/render';
import { type RuleActions, RulesTable } from './rules-table';

const contacts: ContactRow[] = [{ contactid: 1, name: 'On-call', channel: 'email', address: 'a@example.com', enabled: true, failing: false, lastDelivery: null }];
const base: Rule = {
  ruleid: 1,
  name: 'Left unlocked',
  kind: 'left-unlocked',
  enabled: true,
  scope: { all: true },
  threshold_s: 600,
  schedule: null,
  when: 'always',
  contactids: [],
  escalate_after_s: null,
  escalate_contactids: [],
};
const rules: Rule[] = [
  base,
  { ...base, ruleid: 2, name: 'Server rooms at night', kind: 'door-used', threshold_s: 0, scope: { groupids: [3] }, schedule: { days: '12345', from: '20:00', to: '06:00', timezone: 'Europe/Berlin' }, contactids: [1], escalate_after_s: 900, escalate_contactids: [1], enabled: false },
];
const groupName = (id: number) => (id === 3 ? 'Server rooms' : undefined);
const row = (name: string) => screen.getByRole('rowheader', { name }).closest('tr') as HTMLTableRowElement;

describe('the rules table', () => {
  it('shows each rule in words, and a rule that tells no one as a warning', () => {
    renderAt(<RulesTable rules={rules} contacts={contacts} groupName={groupName} actions={null} />);
    const night = within(row('Server rooms at night'));
    for (const text of ['Door used during a watched window', 'Group: Server rooms', 'Mon–Fri 20:00–06:00 Europe/Berlin', 'On-call', 'After 15 min to On-call', 'Off'])
      expect(night.getByText(text)).toBeInTheDocument();
    const left = within(row('Left unlocked'));
    expect(left.getByText('Door left unlocked (10 min)')).toBeInTheDocument();
    expect(left.getByText('All locks')).toBeInTheDocument();
    expect(left.getByText('Always')).toBeInTheDocument();
    expect(left.getByText(/No one is told/)).toBeInTheDocument();
  });

  it('gives a support account no buttons and no switches', () => {
    renderAt(<RulesTable rules={rules} contacts={undefined} groupName={groupName} actions={null} />);
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.queryAllByRole('checkbox')).toEqual([]);
    // Support cannot read contacts: recipients are counted, not named.
    expect(within(row('Server rooms at night')).getByText('1 contact')).toBeInTheDocument();
  });

  it('gives a manager Edit, Delete and an Enabled switch per rule', async () => {
    const actions: RuleActions = { onEdit: vi.fn(), onDelete: vi.fn(), onToggle: vi.fn(), toggling: null };
    renderAt(<RulesTable rules={rules} contacts={contacts} groupName={groupName} actions={actions} />);
    const user = userEvent.setup();
    const toggle = screen.getByRole('checkbox', { name: 'Server rooms at night enabled' });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    expect(actions.onToggle).toHaveBeenCalledWith(rules[1]);
    await user.click(screen.getByRole('button', { name: 'Edit Left unlocked' }));
    expect(actions.onEdit).toHaveBeenCalledWith(rules[0]);
    await user.click(screen.getByRole('button', { name: 'Delete Server rooms at night' }));
    expect(actions.onDelete).toHaveBeenCalledWith(rules[1]);
  });
});
