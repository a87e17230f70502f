import { type FormEvent, useId, useState } from 'react';
import { useCreateGrant } from '@/api/access';
import { ApiError } from '@/api/client';
import { showToast } from '@/lib/toasts';
import { type GrantField, type GrantFieldErrors, type GrantFormState, INITIAL_GRANT_FORM, buildGrantWindow, fieldOfGrantError, pastLastDay } from './grant-form';
import { describeGrantRule } from './grant-rule';
import { type ChosenDoor, type ChosenPerson, type GrantAccessTarget, grantDestination, whereWords } from './grant-target';
import type { KeypadCode } from './keypad-code-once';
import { usePlatformToday, usePlatformZone } from './use-platform-clock';

/** The fields in the order they appear: the first one in error gets the focus. */
const FIELD_ORDER: readonly GrantField[] = ['person', 'target', 'method', 'start_date', 'end_date', 'weekdays', 'start_time', 'end_time'];

/** The shown errors: those found before sending, a last day that has passed, and the platform's refusal by its field. */
function mergeErrors(checked: GrantFieldErrors, passed: string | null, refusal: { field: GrantField | null; message: string } | null): GrantFieldErrors {
  return { ...checked, ...(passed ? { end_date: passed } : {}), ...(refusal?.field ? { [refusal.field]: refusal.message } : {}) };
}

/**
 * The state of the grant access form: the person (fixed from a person's page), the lock or group
 * (chosen from a person's page), the rule's fields, the errors by field, and sending. On success a
 * keypad grant's code is kept to be shown once; any other grant is toasted and the dialog closed.
 * `id` prefixes the ids of the fields (`<id>-person`, `<id>-end_date`, …).
 */
export function useGrantForm(target: GrantAccessTarget, onClose: () => void) {
  const id = useId();
  const forPerson = 'userid' in target;
  const [person, setPerson] = useState<ChosenPerson | null>(forPerson ? { userid: target.userid, name: target.personName } : null);
  const [chosen, setChosen] = useState<ChosenDoor | null>(null);
  const [form, setForm] = useState<GrantFormState>(INITIAL_GRANT_FORM);
  const [checked, setChecked] = useState<GrantFieldErrors>({});
  const [sent, setSent] = useState<string | null>(null);
  const [code, setCode] = useState<KeypadCode | null>(null);
  const create = useCreateGrant();
  const [today, zone] = [usePlatformToday(), usePlatformZone()];
  const update = (patch: Partial<GrantFormState>) => {
    setForm((current) => ({ ...current, ...patch }));
    setChecked({});
  };
  const choosePerson = (chosenPerson: ChosenPerson) => {
    setPerson(chosenPerson);
    setChecked({});
  };

  // The platform's refusal stands while the form still holds what was sent.
  const snapshot = JSON.stringify([form, person?.userid, chosen]);
  const refusal = create.error && sent === snapshot ? fieldOfGrantError(create.error instanceof ApiError ? create.error.message : 'Access could not be granted.') : null;
  const errors = mergeErrors(checked, pastLastDay(form, today), refusal);
  const otherError = refusal && !refusal.field ? refusal.message : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const built = buildGrantWindow(form, today);
    const found: GrantFieldErrors = 'errors' in built ? { ...built.errors } : {};
    if (!person) found.person = 'Choose a person, or add one.';
    if (forPerson && !chosen) found.target = 'Choose a lock or a group.';
    if (Object.keys(found).length > 0 || 'errors' in built || !person) {
      setChecked(found);
      const first = FIELD_ORDER.find((f) => found[f]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const where = whereWords(target, chosen) ?? 'the door';
    setSent(snapshot);
    create.mutate(
      { userid: person.userid, ...grantDestination(target, chosen), method: form.method, ...built.window },
      {
        onSuccess: ({ grant, passcode }) => {
          if (passcode) setCode({ passcode, who: grant.username, where });
          else {
            showToast({ tone: 'success', title: 'Access granted', body: `${grant.username} · ${where} · ${describeGrantRule(grant, zone)}` });
            onClose();
          }
        },
      },
    );
  };

  return { id, person, choosePerson, chosen, chooseDoor: setChosen, form, update, errors, otherError, today, zone, code, pending: create.isPending, submit };
}
