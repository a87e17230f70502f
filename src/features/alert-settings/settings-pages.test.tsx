import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAt } from '@/testing/render';
import { startTestServer } from '@/testing/test-server';
import { ContactsPage } from './contacts-page';
import { OutboxPage } from './outbox-page';
import { RulesPage } from './rules-page';

/**
 * The settings pages against the gateway's own routes and store (DATA_DIR, SQLite, no SMTP: mail is
 * kept in the outbox), in this process over real HTTP, signed in as a manager. (Needs the team-alerts
 * routes of main; checked on this branch merged with main at 896e25f.)
 */
const SLOW = { timeout: 10_000 };

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ POLL_INTERVAL_MS: '60000', WEBHOOK_ALLOW_HOSTS: '127.0.0.1' });
});
afterAll(() => server.close());

const contactRow = (name: string) => screen.getByRole('rowheader', { name }).closest('tr') as HTMLTableRowElement;

describe('the alert settings pages, as a manager', { timeout: 60_000 }, () => {
  it('add contacts (a webhook’s secret once), send a test, and read the kept mail', async () => {
    const user = userEvent.setup();
    const page = renderAt(<ContactsPage />);
    await user.click(await screen.findByRole('button', { name: 'Add contact' }, SLOW));
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Receiver');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'webhook');
    await user.type(screen.getByRole('textbox', { name: 'Webhook URL' }), 'http://127.0.0.1:9/hook');
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    const secret = await screen.findByRole('textbox', { name: 'Signing secret' }, SLOW);
    expect((secret as HTMLInputElement).value).toMatch(/^whsec_/);
    expect(screen.getByText('Copy it now: it will not be shown again.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByRole('textbox', { name: 'Signing secret' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'On-call');
    await user.type(screen.getByRole('textbox', { name: 'E-mail address' }), 'oncall@example.com');
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(contactRow('On-call')).toBeTruthy(), SLOW);
    expect(screen.queryByRole('textbox', { name: 'Signing secret' })).toBeNull();
    expect(within(contactRow('On-call')).getByText('Never used')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Send a test to On-call' }));
    expect(await within(contactRow('On-call')).findByText(/^Delivered/, {}, SLOW)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send a test to Receiver' }));
    expect(await within(contactRow('Receiver')).findByText(/^Failed: /, {}, SLOW)).toBeInTheDocument();
    page.unmount();

    renderAt(<OutboxPage />);
    const kept = await screen.findByRole('list', { name: 'Kept mail' }, SLOW);
    expect(within(kept).getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(within(kept).getAllByText(/To oncall@example.com/).length).toBeGreaterThan(0);
  });

  it('show the default rules telling no one, and create a rule for a contact', async () => {
    const user = userEvent.setup();
    renderAt(<RulesPage />);
    const table = await screen.findByRole('table', { name: 'Alert rules' }, SLOW);
    expect(within(table).getAllByText(/No one is told/).length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: 'New rule' }));
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Night watch');
    await user.selectOptions(screen.getByRole('combobox', { name: 'What' }), 'lockdown');
    await user.click(await within(screen.getByRole('group', { name: 'Tell' })).findByRole('checkbox', { name: /On-call/ }, SLOW));
    await user.click(screen.getByRole('button', { name: 'Create rule' }));
    const row = await within(table).findByRole('rowheader', { name: 'Night watch' }, SLOW);
    const cells = within(row.closest('tr') as HTMLTableRowElement);
    expect(cells.getByText('Lockdown started')).toBeInTheDocument();
    expect(cells.getByText('On-call')).toBeInTheDocument();
    const enabled = cells.getByRole('checkbox', { name: 'Night watch enabled' });
    expect(enabled).toBeChecked();
    await user.click(enabled);
    await waitFor(() => expect(within(table).getByRole('checkbox', { name: 'Night watch enabled' })).not.toBeChecked(), SLOW);

    await user.click(screen.getByRole('button', { name: 'Delete Night watch' }));
    // jsdom has no showModal: the dialog's content is there, hidden from the accessibility tree.
    await user.click(await screen.findByRole('button', { name: 'Delete rule', hidden: true }));
    await waitFor(() => expect(within(table).queryByRole('rowheader', { name: 'Night watch' })).toBeNull(), SLOW);
  });

  it('refuse a webhook to an address inside the network, under the field, keeping it', async () => {
    const user = userEvent.setup();
    renderAt(<ContactsPage />);
    await user.click(await screen.findByRole('button', { name: 'Add contact' }, SLOW));
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Metadata');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'webhook');
    const url = screen.getByRole('textbox', { name: 'Webhook URL' });
    await user.type(url, 'http://169.254.169.254/latest');
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'), SLOW);
    expect(url).toHaveValue('http://169.254.169.254/latest');
    expect(url.getAttribute('aria-describedby')).toMatch(/-error/);
  });
});
