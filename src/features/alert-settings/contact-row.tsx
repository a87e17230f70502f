import { useState } from 'react';
import { type ContactRow as Contact, useTestContact, useUpdateContact } from '@/api/alert-settings';
import { Button } from '@/components/button';
import { showToast } from '@/lib/toasts';
import { ContactDeliveries } from './contact-deliveries';
import { channelLabel, contactState } from './contact-text';
import { muted, tdClass } from './settings-shell';

export const CONTACT_COLUMNS = 6;

/** "Send test" and what came of it, beside the button. */
function SendTest({ contact }: { contact: Contact }) {
  const test = useTestContact();
  let result = null;
  if (test.isPending) result = <span className={muted}>Sending…</span>;
  else if (test.isError) result = <span className="font-medium text-red-700 dark:text-red-300">Failed: {test.error.message}</span>;
  else if (test.data) {
    const { ok, statusCode, detail } = test.data;
    result = ok ? (
      <span className="font-medium text-green-800 dark:text-green-300">Delivered{statusCode !== null ? ` (${statusCode})` : ''}</span>
    ) : (
      <span className="font-medium text-red-700 dark:text-red-300">
        Failed: {detail || 'no reason given'}
        {statusCode !== null ? ` (${statusCode})` : ''}
      </span>
    );
  }
  return (
    <div className="flex flex-col items-start gap-1">
      <Button size="sm" disabled={test.isPending} onClick={() => test.mutate(contact.contactid)} aria-label={`Send a test to ${contact.name}`}>
        Send test
      </Button>
      <p role="status" className="text-xs">
        {result}
      </p>
    </div>
  );
}

/** One contact, its actions, and its delivery log when opened. */
export function ContactRow({ contact, onEdit, onDelete }: { contact: Contact; onEdit: (c: Contact) => void; onDelete: (c: Contact) => void }) {
  const [open, setOpen] = useState(false);
  const update = useUpdateContact();
  const state = contactState(contact);
  const logId = `deliveries-${contact.contactid}`;
  const toggle = () =>
    update.mutate(
      { contactid: contact.contactid, enabled: !contact.enabled },
      { onError: (error) => showToast({ tone: 'error', title: `${contact.name} could not be changed`, body: error.message }) },
    );
  return (
    <>
      <tr data-contactid={contact.contactid} className="border-t border-slate-200 dark:border-slate-800">
        <th scope="row" className={`${tdClass} font-medium break-words`}>
          {contact.name}
        </th>
        <td className={tdClass}>{channelLabel(contact.channel)}</td>
        <td className={`${tdClass} break-all`}>{contact.address}</td>
        <td className={`${tdClass} ${state.problem ? 'font-medium text-red-700 dark:text-red-300' : ''}`}>{state.text}</td>
        <td className={tdClass}>{contact.enabled ? 'Yes' : <span className={muted}>No (disabled)</span>}</td>
        <td className={tdClass}>
          <div className="flex flex-wrap items-start gap-1">
            <SendTest contact={contact} />
            <Button size="sm" onClick={() => onEdit(contact)} aria-label={`Edit ${contact.name}`}>
              Edit
            </Button>
            <Button size="sm" disabled={update.isPending} onClick={toggle} aria-label={`${contact.enabled ? 'Disable' : 'Enable'} ${contact.name}`}>
              {contact.enabled ? 'Disable' : 'Enable'}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => onDelete(contact)} aria-label={`Delete ${contact.name}`}>
              Delete
            </Button>
            <Button size="sm" variant="ghost" aria-expanded={open} aria-controls={logId} onClick={() => setOpen(!open)}>
              Deliveries<span className="sr-only"> to {contact.name}</span>
            </Button>
          </div>
        </td>
      </tr>
      {open && (
        <tr id={logId} className="bg-slate-50 dark:bg-slate-950/40">
          <td colSpan={CONTACT_COLUMNS} className="px-3 py-2">
            <ContactDeliveries contactid={contact.contactid} name={contact.name} />
          </td>
        </tr>
      )}
    </>
  );
}
