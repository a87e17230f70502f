import { type FormEvent, useId, useState } from 'react';
import type { ContactChannel } from '@contract/team-alerts';
import { type ContactInput, CONTACT_CHANNELS } from '@/api/alert-settings';
import { FormActions, FormError, TextField } from '@/components/form-field';
import { CHANNEL_INFO, addressProblem } from './contact-text';
import { selectClass } from './settings-shell';

/** As the gateway allows (contract/team-alerts-schemas.ts). */
export const MAX_CONTACT_NAME = 80;

/** The gateway names the field it refuses ("address: …"): that part goes under the field. */
function refusalOf(error: unknown): { field: 'name' | 'address' | null; message: string } | null {
  if (error == null) return null;
  const message = error instanceof Error ? error.message : 'The contact could not be saved.';
  const match = /^(name|address): (.+)$/s.exec(message);
  return match ? { field: match[1] as 'name' | 'address', message: match[2] ?? message } : { field: null, message };
}

/**
 * A contact's name, channel and address (the channel is fixed once created). Checked here before it
 * is sent; the server's refusal shows above the buttons and everything typed stays.
 */
export function ContactForm({
  initial,
  channelFixed = false,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: ContactInput;
  channelFixed?: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: ContactInput) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [tried, setTried] = useState(false);
  const [sent, setSent] = useState<ContactInput | null>(null);
  // The server's refusal holds while the fields still say what was sent.
  const unchanged = sent !== null && sent.name === values.name.trim() && sent.address === values.address.trim() && sent.channel === values.channel;
  const refusal = unchanged ? refusalOf(error) : null;
  const nameError = tried && !values.name.trim() ? 'Enter a name, such as “On-call phone” or “Facilities team”.' : refusal?.field === 'name' ? refusal.message : null;
  const addressError = (tried ? addressProblem(values.channel, values.address) : null) ?? (refusal?.field === 'address' ? refusal.message : null);
  const info = CHANNEL_INFO[values.channel];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!values.name.trim()) return document.getElementById(`${id}-name`)?.focus();
    if (addressProblem(values.channel, values.address)) return document.getElementById(`${id}-address`)?.focus();
    const input = { name: values.name.trim(), channel: values.channel, address: values.address.trim() };
    setSent(input);
    onSubmit(input);
  };

  return (
    <form onSubmit={submit} noValidate className="flex max-w-xl flex-col gap-4">
      <TextField id={`${id}-name`} label="Name" value={values.name} maxLength={MAX_CONTACT_NAME} autoFocus autoComplete="off" error={nameError} onChange={(event) => setValues({ ...values, name: event.target.value })} />
      <div>
        <label htmlFor={`${id}-channel`} className="mb-1 block text-sm font-medium">
          Channel
        </label>
        <select
          id={`${id}-channel`}
          value={values.channel}
          disabled={channelFixed}
          className={selectClass}
          onChange={(event) => setValues({ ...values, channel: event.target.value as ContactChannel })}
        >
          {CONTACT_CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {CHANNEL_INFO[channel].label}
            </option>
          ))}
        </select>
      </div>
      <TextField
        id={`${id}-address`}
        label={info.address}
        type={values.channel === 'email' ? 'email' : 'url'}
        value={values.address}
        placeholder={info.placeholder}
        autoComplete="off"
        spellCheck={false}
        hint={info.hint}
        error={addressError}
        onChange={(event) => setValues({ ...values, address: event.target.value })}
      />
      {refusal && refusal.field === null && <FormError>{refusal.message}</FormError>}
      <FormActions submitLabel={submitLabel} pendingLabel="Saving…" pending={pending} onCancel={onCancel} />
    </form>
  );
}
