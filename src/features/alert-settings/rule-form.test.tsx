import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ContactRow, Rule, RuleInput } from '@/api/alert-settings';
import { ApiError } from '@/api/client';
import { renderAt } from '@/testing/render';
import { RuleForm, type RuleFormProps } from './rule-form';
import { newRuleValues, ruleValues } from './rule-form-values';

const contacts: ContactRow[] = [
  { contactid: 1, name: 'On-call', channel: 'email', address: 'oncall@example.com', enabled: true, failing: false, lastDelivery: null },
  { contactid: 2, name: 'Facilities', channel: 'webhook', address: 'https://hooks.example.com/x', enabled: true, failing: false, lastDelivery: null },
];
const groups = [
  { groupid: 3, name: 'Server rooms' },
  { groupid: 4, name: 'Lobby' },
];

function renderForm(props: Partial<RuleFormProps> = {}) {
  const onSubmit = vi.fn<(input: RuleInput) => void>();
  const all: RuleFormProps = {
    initial: { ...newRuleValues(), timezone: 'UTC' },
    contacts,
    groups,
    submitLabel: 'Create rule',
    pendingLabel: 'Saving…',
    pending: false,
    error: null,
    onSubmit,
    onCancel: () => undefined,
    ...props,
  };
  renderAt(<RuleForm {...all} />);
  return { onSubmit, user: userEvent.setup() };
}

/** The form as a page uses it, with a server that refuses every rule with `msg`. */
function Refusing({ msg }: { msg: string }) {
  const [error, setError] = useState<unknown>(null);
  return (
    <RuleForm
      initial={newRuleValues()}
      contacts={contacts}
      groups={groups}
      submitLabel="Create rule"
      pendingLabel="Saving…"
      pending={false}
      error={error}
      onSubmit={() => setError(new ApiError(400, msg))}
      onCancel={() => undefined}
    />
  );
}

/** userEvent on a loaded machine: each test clicks a few dozen times. */
const SLOW = { timeout: 30_000 };

const group = (name: string) => screen.getByRole('group', { name });
const submit = () => screen.getByRole('button', { name: 'Create rule' });

describe('the rule form sends', SLOW, () => {
  it('a watched window: a group at night in a named zone, who is told, and escalation', async () => {
    const { onSubmit, user } = renderForm();
    await user.type(screen.getByRole('textbox', { name: 'Name' }), '  Server rooms at night ');
    await user.selectOptions(screen.getByRole('combobox', { name: 'What' }), 'Door used during a watched window');
    expect(screen.queryByRole('textbox', { name: /minutes/ })).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'Groups' }));
    await user.click(within(group('Groups')).getByRole('checkbox', { name: 'Server rooms' }));
    await user.click(screen.getByRole('checkbox', { name: /Only on some days and hours/ }));
    await user.click(within(group('Days')).getByRole('checkbox', { name: 'Fri' }));
    await user.click(within(group('Days')).getByRole('checkbox', { name: 'Sat' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '21:30' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '05:45' } });
    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'Europe/Berlin' } });
    await user.click(within(group('Tell')).getByRole('checkbox', { name: /On-call/ }));
    await user.click(screen.getByRole('checkbox', { name: /If nobody acknowledges in time/ }));
    const after = screen.getByRole('textbox', { name: 'If nobody acknowledges within (minutes)' });
    await user.clear(after);
    await user.type(after, '20');
    await user.click(within(group('Then notify')).getByRole('checkbox', { name: /Facilities/ }));
    await user.click(submit());

    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      name: 'Server rooms at night',
      kind: 'door-used',
      enabled: true,
      scope: { groupids: [3] },
      threshold_s: 0,
      schedule: { days: '12346', from: '21:30', to: '05:45', timezone: 'Europe/Berlin' },
      contactids: [1],
      escalate_after_s: 1200,
      escalate_contactids: [2],
    });
  });

  it('a threshold in minutes as seconds, starting from the kind’s default', async () => {
    const { onSubmit, user } = renderForm();
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Offline');
    expect(screen.getByRole('textbox', { name: 'Unlocked for at least (minutes)' })).toHaveValue('10');
    await user.selectOptions(screen.getByRole('combobox', { name: 'What' }), 'offline');
    const threshold = screen.getByRole('textbox', { name: 'Offline for at least (minutes)' });
    expect(threshold).toHaveValue('5');
    await user.click(submit());
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ kind: 'offline', threshold_s: 300, scope: { all: true }, schedule: null, contactids: [], escalate_after_s: null, escalate_contactids: [] });
    await user.clear(threshold);
    await user.type(threshold, '2,5');
    await user.click(submit());
    expect(onSubmit.mock.calls[1]?.[0]).toMatchObject({ threshold_s: 150 });
  });

  it('an edited rule as it was when nothing is changed, and with Enabled unticked', async () => {
    const rule: Rule & { kind: 'left-unlocked' } = {
      ruleid: 8,
      name: 'Back door',
      kind: 'left-unlocked',
      enabled: true,
      scope: { lockids: ['LK-1', 'LK-2'] },
      threshold_s: 90,
      schedule: { days: '67', from: '00:00', to: '23:59', timezone: 'America/New_York' },
      when: 'always',
      contactids: [2, 1],
      escalate_after_s: 600,
      escalate_contactids: [1],
    };
    const { onSubmit, user } = renderForm({ initial: ruleValues(rule), submitLabel: 'Create rule' });
    expect(within(screen.getByRole('list', { name: 'Chosen locks' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['LK-1Remove', 'LK-2Remove']);
    await user.click(submit());
    const { ruleid: _ruleid, when: _when, ...sent } = rule;
    expect(onSubmit.mock.calls[0]?.[0]).toEqual(sent);
    await user.click(screen.getByRole('checkbox', { name: 'Enabled' }));
    await user.click(screen.getByRole('button', { name: 'Remove LK-1' }));
    await user.click(submit());
    expect(onSubmit.mock.calls[1]?.[0]).toMatchObject({ enabled: false, scope: { lockids: ['LK-2'] } });
  });
});

describe('the rule form refuses', SLOW, () => {
  it('a rule without a name, groups, days, a number or someone to escalate to, and says why', async () => {
    const { onSubmit, user } = renderForm();
    const threshold = screen.getByRole('textbox', { name: /minutes/ });
    await user.clear(threshold);
    await user.type(threshold, 'ten');
    await user.click(screen.getByRole('radio', { name: 'Groups' }));
    await user.click(screen.getByRole('checkbox', { name: /Only on some days and hours/ }));
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await user.click(within(group('Days')).getByRole('checkbox', { name: day }));
    await user.click(screen.getByRole('checkbox', { name: /If nobody acknowledges in time/ }));
    await user.click(submit());

    expect(onSubmit).not.toHaveBeenCalled();
    const name = screen.getByRole('textbox', { name: 'Name' });
    expect(name).toHaveFocus();
    expect(name).toHaveAccessibleDescription(expect.stringContaining('Enter a name for the rule.'));
    expect(threshold).toHaveAccessibleDescription(expect.stringContaining('Enter a number of minutes'));
    for (const text of ['Choose at least one group.', 'Choose at least one day.', 'Choose who is told when nobody acknowledges.'])
      expect(screen.getByText(text)).toBeInTheDocument();

    // Put right, one by one: each message goes as its field is fixed, and the rule is sent.
    await user.type(name, 'Night');
    expect(screen.queryByText('Enter a name for the rule.')).toBeNull();
    await user.clear(threshold);
    await user.type(threshold, '0');
    await user.click(within(group('Groups')).getByRole('checkbox', { name: 'Lobby' }));
    await user.click(within(group('Days')).getByRole('checkbox', { name: 'Sun' }));
    await user.click(within(group('Then notify')).getByRole('checkbox', { name: /On-call/ }));
    expect(screen.queryAllByRole('alert')).toEqual([]);
    await user.click(submit());
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ name: 'Night', threshold_s: 0, scope: { groupids: [4] }, schedule: { days: '7' }, escalate_contactids: [1] });
  });

  it('a window that ends when it starts, and chosen locks with none chosen', async () => {
    const { onSubmit, user } = renderForm();
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'x');
    await user.click(screen.getByRole('radio', { name: 'Chosen locks' }));
    await user.click(screen.getByRole('checkbox', { name: /Only on some days and hours/ }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '08:00' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '08:00' } });
    await user.click(submit());
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('Add at least one lock.')).toBeInTheDocument();
    expect(screen.getByText('The window must end at another time than it starts.')).toBeInTheDocument();
  });
});

describe('the rule form also', SLOW, () => {
  it('shows the server’s refusal above the buttons and keeps everything typed', async () => {
    renderAt(<Refusing msg="A rule named Night watch already exists" />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Night watch');
    await user.click(within(group('Tell')).getByRole('checkbox', { name: /Facilities/ }));
    await user.click(submit());
    expect(screen.getByRole('alert')).toHaveTextContent('A rule named Night watch already exists');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Night watch');
    expect(within(group('Tell')).getByRole('checkbox', { name: /Facilities/ })).toBeChecked();
  });

  it('without contacts, says to add one first, with a link to the contacts page', () => {
    renderForm({ contacts: [] });
    const link = within(group('Tell')).getByRole('link', { name: 'Add a contact first' });
    expect(link).toHaveAttribute('href', '/alerts/contacts');
  });

  it('warns that no one is told while no recipient is chosen', async () => {
    const { user } = renderForm();
    expect(within(group('Tell')).getByText('No one is told until you choose a contact.')).toBeInTheDocument();
    await user.click(within(group('Tell')).getByRole('checkbox', { name: /On-call/ }));
    expect(within(group('Tell')).queryByText(/No one is told/)).toBeNull();
  });
});
