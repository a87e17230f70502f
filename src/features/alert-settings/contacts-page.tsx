import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { type ContactRow as Contact, alertSettingsQueries, useDeleteContact } from '@/api/alert-settings';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { LoadFailed, Loading } from '@/components/load-state';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { showToast } from '@/lib/toasts';
import { ContactEditor } from './contact-editor';
import { ContactRow } from './contact-row';
import { ContactSecret } from './contact-secret';
import { ManagersOnly, SettingsPage, card, linkClass, muted, TableHead } from './settings-shell';

const HEADINGS = ['Name', 'Channel', 'Address', 'State', 'Enabled'];

function ContactsTable({ contacts, onEdit, onDelete }: { contacts: Contact[]; onEdit: (c: Contact) => void; onDelete: (c: Contact) => void }) {
  return (
    <div className="overflow-x-auto">
      <table aria-label="Contacts" className="w-full text-left text-sm">
        <TableHead headings={HEADINGS} actions />
        <tbody>
          {contacts.map((contact) => (
            <ContactRow key={contact.contactid} contact={contact} onEdit={onEdit} onDelete={onDelete} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ContactsList({ onEdit, onDelete }: { onEdit: (c: Contact) => void; onDelete: (c: Contact) => void }) {
  const config = useQuery(appConfigQuery).data;
  const paused = useLiveUpdatesPaused();
  // Live, so that a contact that starts failing (or recovers) says so without a reload.
  const contacts = useQuery({ ...alertSettingsQueries.contacts(), refetchInterval: paused || !config ? false : config.pollIntervalMs });
  if (contacts.isPending) return <Loading layout="list" label="Loading the contacts…" />;
  if (contacts.isError) return <LoadFailed layout="list" title="The contacts could not be loaded." error={contacts.error} onRetry={() => void contacts.refetch()} />;
  if (contacts.data.length === 0) return <p className={`px-4 py-8 text-center ${muted}`}>No contacts yet: add one, then choose it on the alert rules.</p>;
  return <ContactsTable contacts={contacts.data} onEdit={onEdit} onDelete={onDelete} />;
}

/** `/alerts/contacts` (manager): who alerts reach, by e-mail, webhook or Slack, and how delivery is going. */
export function ContactsPage() {
  const user = useQuery(sessionQueries.me()).data?.user;
  const [editing, setEditing] = useState<{ contact: Contact | null } | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const remove = useDeleteContact();
  const isManager = user?.role === 'manager';
  const intro = (
    <>
      Who alerts reach. Choose contacts as recipients on the{' '}
      <Link to="/alerts/rules" className={linkClass}>
        alert rules
      </Link>
      .
    </>
  );
  if (user && !isManager) {
    return (
      <SettingsPage title="Contacts">
        <ManagersOnly what="Contacts" />
      </SettingsPage>
    );
  }
  return (
    <SettingsPage
      title="Contacts"
      intro={intro}
      actions={
        <Button variant="primary" aria-expanded={editing?.contact === null} onClick={() => setEditing(editing?.contact === null ? null : { contact: null })}>
          Add contact
        </Button>
      }
    >
      {secret && <ContactSecret name={secret.name} secret={secret.secret} onDone={() => setSecret(null)} />}
      {editing && <ContactEditor key={editing.contact?.contactid ?? 'new'} contact={editing.contact} onDone={() => setEditing(null)} onSecret={setSecret} />}
      <section aria-label="Contact list" className={`overflow-hidden ${card}`}>
        {isManager ? <ContactsList onEdit={(contact) => setEditing({ contact })} onDelete={setDeleting} /> : <Loading layout="list" label="Loading…" />}
      </section>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ''}”?`}
        confirmLabel="Delete contact"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting)
            remove.mutate(deleting.contactid, { onError: (error) => showToast({ tone: 'error', title: `${deleting.name} could not be deleted`, body: error.message }) });
          setDeleting(null);
        }}
      >
        Rules stop telling this contact. Its delivery log is kept.
      </ConfirmDialog>
    </SettingsPage>
  );
}

export default ContactsPage;
