import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAt } from '@/testing/render';
import { startTestServer } from '@/testing/test-server';
import { GrantAccessButton } from './grant-access-dialog';

/**
 * "Grant access" against the real gateway and platform in this process, signed in as a manager:
 * from a lock (find or add the person) and from a person (find the lock or the group). jsdom has no
 * showModal() or close(): these stand-ins only set and remove `open`, as a browser does. (Nor does
 * it refuse to focus inside a closed dialog, so the search box's autofocus runs before the dialog
 * notes its opener: the focus going back is tested with the confirm dialog.)
 */
const SLOW = { timeout: 10_000 };
const proto = HTMLDialogElement.prototype as Partial<Pick<HTMLDialogElement, 'showModal' | 'close'>>;

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  proto.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
  server = await startTestServer({ POLL_INTERVAL_MS: '60000' });
});
afterAll(async () => {
  delete proto.showModal;
  delete proto.close;
  await server.close();
});

const aLock = () => server.db.prepare('SELECT lockid, lockname FROM locks ORDER BY id LIMIT 1 OFFSET 5').get() as { lockid: string; lockname: string };
const grantsOf = (userid: number) => server.db.prepare('SELECT lockid, groupid, method FROM grants WHERE userid = ?').all(userid) as Record<string, unknown>[];
const personNamed = (name: string) => server.db.prepare("SELECT userid FROM users WHERE name = ? AND role = 'person'").get(name) as { userid: number };

async function addPerson(name: string): Promise<number> {
  const response = await fetch('/api/people', { method: 'POST', body: JSON.stringify({ username: name }), headers: { 'content-type': 'application/json', origin: server.url } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { person: { userid: number } }).person.userid;
}

describe('the grant access dialog', { timeout: 60_000 }, () => {
  it('from a lock: asks for a person, finds one, and shows a keypad code for working hours once', async () => {
    const user = userEvent.setup();
    const lock = aLock();
    const name = 'Keypad Tester';
    const userid = await addPerson(name);
    renderAt(<GrantAccessButton target={{ lockid: lock.lockid, lockName: lock.lockname }} />);
    const opener = screen.getByRole('button', { name: 'Grant access' });
    expect(screen.getByRole('dialog', { hidden: true })).toBeEmptyDOMElement();
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: `Grant access to ${lock.lockname}` });
    const search = within(dialog).getByRole('searchbox', { name: 'Find a person' });
    expect(document.activeElement).toBe(search);

    await user.click(within(dialog).getByRole('button', { name: 'Grant access' }));
    expect(within(dialog).getByText('Choose a person, or add one.')).toBeInTheDocument();
    expect(search).toHaveAttribute('aria-invalid', 'true');
    expect(search).toHaveAccessibleDescription('Choose a person, or add one.');
    expect(document.activeElement).toBe(search);

    await user.type(search, name);
    await user.click(await within(dialog).findByRole('radio', { name }, SLOW));
    expect(within(dialog).getByRole('radiogroup', { name: 'People found' })).toBeInTheDocument();
    expect(search).not.toHaveAttribute('aria-invalid');
    await user.click(within(dialog).getByRole('radio', { name: 'Keypad code' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Only on certain days and hours' }));
    const preset = within(dialog).getByRole('button', { name: 'Working hours' });
    expect(preset).toHaveAttribute('aria-pressed', 'false');
    await user.click(preset);
    expect(preset).toHaveAttribute('aria-pressed', 'true');
    expect(within(dialog).getByRole('checkbox', { name: 'Monday' })).toBeChecked();
    expect(within(dialog).getByRole('checkbox', { name: 'Sunday' })).not.toBeChecked();
    expect(within(dialog).getByRole('group', { name: 'Days' })).toBeInTheDocument();
    expect(within(dialog).getByLabelText('From')).toHaveValue('09:00');
    expect(within(dialog).getByLabelText('Until')).toHaveValue('17:00');
    expect(dialog.querySelector('output')).toHaveTextContent(/^Keypad code · Mon–Fri 09:00–17:00 \(UTC\)$/);

    await user.click(within(dialog).getByRole('button', { name: 'Grant access' }));
    await within(dialog).findByRole('heading', { name: `Keypad code for ${name}` }, SLOW);
    expect(screen.getByRole('dialog', { name: `Keypad code for ${name}` })).toBe(dialog);
    expect(within(dialog).getByLabelText(`Keypad code for ${name}`, { selector: 'code' })).toHaveTextContent(/^\d{6}$/);
    expect(within(dialog).getByRole('button', { name: `Copy keypad code for ${name}` })).toBeInTheDocument();
    expect(within(dialog).getByText(`For ${lock.lockname}.`)).toBeInTheDocument();
    expect(grantsOf(userid)).toEqual([{ lockid: lock.lockid, groupid: null, method: 'keypad' }]);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(dialog).not.toHaveAttribute('open');
    expect(dialog).toBeEmptyDOMElement();
  });

  it('adds a person in the dialog: the platform’s refusal shows by its field, and nothing typed is lost', async () => {
    const user = userEvent.setup();
    const lock = aLock();
    const name = 'Inline Person';
    renderAt(<GrantAccessButton target={{ lockid: lock.lockid, lockName: lock.lockname }} />);
    await user.click(screen.getByRole('button', { name: 'Grant access' }));
    const dialog = screen.getByRole('dialog', { name: `Grant access to ${lock.lockname}` });
    await user.click(within(dialog).getByRole('button', { name: 'Add a person' }));
    const nameBox = within(dialog).getByRole('textbox', { name: 'Name' });
    expect(document.activeElement).toBe(nameBox);
    await user.click(within(dialog).getByRole('button', { name: 'Add person' }));
    expect(within(dialog).getByText('Enter the person’s name.')).toBeInTheDocument();
    expect(nameBox).toHaveAttribute('aria-invalid', 'true');
    await user.type(nameBox, name);
    expect(within(dialog).queryByText('Enter the person’s name.')).toBeNull();
    await user.type(within(dialog).getByRole('textbox', { name: 'Email (optional)' }), 'not-an-email{Enter}');
    const email = within(dialog).getByRole('textbox', { name: 'Email (optional)' });
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'), SLOW);
    expect(email).toHaveAccessibleDescription(/^Email must look like name@example\.com/);
    expect(nameBox).toHaveValue(name);
    await user.clear(email);
    await user.click(within(dialog).getByRole('button', { name: 'Add person' }));
    expect(await within(dialog).findByRole('radio', { name }, SLOW)).toBeChecked();
    expect(within(dialog).getByRole('searchbox', { name: 'Find a person' })).toHaveValue(name);

    await user.click(within(dialog).getByRole('radio', { name: 'Until a date' }));
    expect(within(dialog).queryByLabelText('First day')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Grant access' }));
    const lastDay = within(dialog).getByLabelText('Last day');
    expect(lastDay).toHaveAccessibleDescription('Choose the last day of access.');
    expect(document.activeElement).toBe(lastDay);
    await user.click(within(dialog).getByRole('radio', { name: 'Date range' }));
    expect(within(dialog).getByLabelText('First day')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('radio', { name: 'Always' }));
    expect(dialog.querySelector('output')).toHaveTextContent(/^App · Always$/);
    await user.click(within(dialog).getByRole('button', { name: 'Grant access' }));
    await waitFor(() => expect(dialog).not.toHaveAttribute('open'), SLOW);
    expect(grantsOf(personNamed(name).userid)).toEqual([{ lockid: lock.lockid, groupid: null, method: 'app' }]);
  });

  it('from a person: asks for a lock or a group, finds them, and keeps the chosen lock', async () => {
    const user = userEvent.setup();
    const lock = aLock();
    const name = 'Door Chooser';
    const userid = await addPerson(name);
    renderAt(<GrantAccessButton target={{ userid, personName: name }} />);
    await user.click(screen.getByRole('button', { name: 'Grant access' }));
    const dialog = screen.getByRole('dialog', { name: `Grant ${name} access` });
    expect(within(dialog).getByRole('group', { name: 'Door' })).toBeInTheDocument();
    expect(within(dialog).getByRole('radio', { name: 'A lock' })).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Grant access' }));
    const search = within(dialog).getByRole('searchbox', { name: 'Find a lock' });
    expect(search).toHaveAccessibleDescription('Choose a lock or a group.');
    expect(document.activeElement).toBe(search);

    await user.type(search, lock.lockid);
    const locks = await within(dialog).findByRole('radiogroup', { name: 'Locks found' });
    await user.click(await within(locks).findByRole('radio', { name: lock.lockname }, SLOW));
    await user.click(within(dialog).getByRole('radio', { name: 'A group of locks' }));
    expect(within(dialog).getByRole('searchbox', { name: 'Find a group' })).toHaveValue(lock.lockid);
    expect(await within(dialog).findByText(`Nothing matches “${lock.lockid}”.`, {}, SLOW)).toHaveAttribute('role', 'status');
    expect(within(dialog).getByRole('radiogroup', { name: 'Groups found' })).toBeEmptyDOMElement();
    await user.click(within(dialog).getByRole('radio', { name: 'A lock' }));
    expect(within(dialog).getByRole('radio', { name: lock.lockname })).toBeChecked();
    expect(dialog.querySelector('output')).toHaveTextContent(/^App · Always$/);
    await user.click(within(dialog).getByRole('button', { name: 'Grant access' }));
    await waitFor(() => expect(dialog).not.toHaveAttribute('open'), SLOW);
    expect(grantsOf(userid)).toEqual([{ lockid: lock.lockid, groupid: null, method: 'app' }]);
  });

  it('Cancel and Escape close it without granting', async () => {
    const user = userEvent.setup();
    const lock = aLock();
    renderAt(<GrantAccessButton target={{ lockid: lock.lockid, lockName: lock.lockname }} label="Give access" />);
    const opener = screen.getByRole('button', { name: 'Give access' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: `Grant access to ${lock.lockname}` });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(dialog).not.toHaveAttribute('open');
    await user.click(opener);
    const cancel = new Event('cancel', { cancelable: true });
    dialog.dispatchEvent(cancel);
    expect(cancel.defaultPrevented).toBe(true);
    await waitFor(() => expect(dialog).not.toHaveAttribute('open'));
    expect(dialog).toBeEmptyDOMElement();
  });
});
