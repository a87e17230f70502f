import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ContactInput } from '@/api/alert-settings';
import { ApiError } from '@/api/client';
import { renderAt } from '@/testing/render';
import { ContactForm } from './contact-form';
import { ContactSecret } from './contact-secret';

const NEW: ContactInput = { name: '', channel: 'email', address: '' };

function renderForm(onSubmit = vi.fn<(input: ContactInput) => void>()) {
  renderAt(<ContactForm initial={NEW} submitLabel="Add contact" pending={false} error={null} onSubmit={onSubmit} onCancel={() => undefined} />);
  return { onSubmit, user: userEvent.setup() };
}

/** The form as the page uses it, with a server that refuses every contact with `msg`. */
function Refusing({ msg }: { msg: string }) {
  const [error, setError] = useState<unknown>(null);
  return <ContactForm initial={NEW} submitLabel="Add contact" pending={false} error={error} onSubmit={() => setError(new ApiError(400, msg))} onCancel={() => undefined} />;
}

describe('the contact form', { timeout: 30_000 }, () => {
  it('checks the address for its channel, with a hint per channel, and sends it trimmed', async () => {
    const { onSubmit, user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveFocus();
    await user.type(screen.getByRole('textbox', { name: 'Name' }), ' On-call ');
    const email = screen.getByRole('textbox', { name: 'E-mail address' });
    await user.type(email, 'oncall');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    expect(email).toHaveAccessibleDescription(expect.stringContaining('Enter an e-mail address such as oncall@example.com.'));
    expect(onSubmit).not.toHaveBeenCalled();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'Webhook');
    const url = screen.getByRole('textbox', { name: 'Webhook URL' });
    expect(url).toHaveValue('oncall');
    expect(url).toHaveAccessibleDescription(expect.stringContaining('Standard Webhooks'));
    expect(url).toHaveAccessibleDescription(expect.stringContaining('Enter a full URL'));
    await user.clear(url);
    await user.type(url, ' https://hooks.example.com/lockboard ');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    expect(onSubmit).toHaveBeenCalledWith({ name: 'On-call', channel: 'webhook', address: 'https://hooks.example.com/lockboard' });
  });

  it('shows the server’s refusal under the field it names, keeps what was typed, and drops it once the field changes', async () => {
    renderAt(<Refusing msg="address: webhooks to a private address are refused (10.0.0.5)" />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Receiver');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'webhook');
    const url = screen.getByRole('textbox', { name: 'Webhook URL' });
    await user.type(url, 'http://10.0.0.5/hook');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    expect(url).toHaveAccessibleDescription(expect.stringContaining('webhooks to a private address are refused (10.0.0.5)'));
    expect(url).toHaveValue('http://10.0.0.5/hook');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Receiver');
    await user.type(url, '2');
    expect(screen.queryByText(/private address/)).toBeNull();
  });

  it('shows a refusal about no field above the buttons', async () => {
    renderAt(<Refusing msg="Only managers can change contacts" />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Me');
    await user.type(screen.getByRole('textbox', { name: 'E-mail address' }), 'me@example.com');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Only managers can change contacts');
    expect(screen.getByRole('textbox', { name: 'E-mail address' })).toHaveValue('me@example.com');
  });
});

describe('a new webhook’s signing secret', () => {
  it('is shown read-only, with a Copy button and the warning that it will not be shown again', () => {
    renderAt(<ContactSecret name="Receiver" secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" onDone={() => undefined} />);
    const field = screen.getByRole('textbox', { name: 'Signing secret' });
    expect(field).toHaveValue('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(field).toHaveAttribute('readonly');
    expect(screen.getByRole('button', { name: 'Copy signing secret' })).toBeInTheDocument();
    expect(screen.getByText('Copy it now: it will not be shown again.')).toBeInTheDocument();
  });
});
