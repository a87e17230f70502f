import { useId } from 'react';
import { type ContactInput, type ContactRow, useCreateContact, useUpdateContact } from '@/api/alert-settings';
import { showToast } from '@/lib/toasts';
import { ContactForm } from './contact-form';
import { card } from './settings-shell';

const NEW_CONTACT: ContactInput = { name: '', channel: 'email', address: '' };

/** What changed in an edit: only those fields are sent. */
function changesOf(contact: ContactRow, input: ContactInput): { name?: string; address?: string } {
  return { ...(input.name !== contact.name ? { name: input.name } : {}), ...(input.address !== contact.address ? { address: input.address } : {}) };
}

/** Adds a contact (`contact` null) or changes one; a new webhook's secret goes to `onSecret`. */
export function ContactEditor({
  contact,
  onDone,
  onSecret,
}: {
  contact: ContactRow | null;
  onDone: () => void;
  onSecret: (shown: { name: string; secret: string }) => void;
}) {
  const create = useCreateContact();
  const update = useUpdateContact();
  const titleId = useId();
  const mutation = contact ? update : create;
  const submit = (input: ContactInput) => {
    if (contact) {
      update.mutate(
        { contactid: contact.contactid, ...changesOf(contact, input) },
        {
          onSuccess: (saved) => {
            showToast({ tone: 'success', title: `${saved.name} saved` });
            onDone();
          },
        },
      );
      return;
    }
    create.mutate(input, {
      onSuccess: ({ contact: saved, secret }) => {
        showToast({ tone: 'success', title: `${saved.name} added`, body: 'Choose it as a recipient on the alert rules.' });
        if (secret) onSecret({ name: saved.name, secret });
        onDone();
      },
    });
  };
  return (
    <section aria-labelledby={titleId} className={`${card} p-4`}>
      <h2 id={titleId} className="mb-3 text-lg font-semibold break-words">
        {contact ? `Edit “${contact.name}”` : 'Add contact'}
      </h2>
      <ContactForm
        initial={contact ? { name: contact.name, channel: contact.channel ?? 'webhook', address: contact.address } : NEW_CONTACT}
        channelFixed={!!contact}
        submitLabel="Save contact"
        pending={mutation.isPending}
        error={mutation.error}
        onSubmit={submit}
        onCancel={onDone}
      />
    </section>
  );
}
