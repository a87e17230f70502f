import { type FormEvent, useState } from 'react';
import type { CreatePassBody } from '@contract/people';
import type { ChosenDoor } from '@/features/access/grant-target';
import { type PassWindow, toPlatformDate, windowError } from './pass-window';

export type PassField = 'name' | 'email' | 'doors' | 'start' | 'end';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with the form, field by field (empty when it can be sent). */
function check(name: string, email: string, doors: ChosenDoor[], window: PassWindow): Partial<Record<PassField, string>> {
  const errors: Partial<Record<PassField, string>> = {};
  if (!name.trim()) errors.name = 'Enter the visitor’s name.';
  if (!EMAIL.test(email.trim())) errors.email = 'Enter an e-mail address such as name@example.com: the code is sent there.';
  if (doors.length === 0) errors.doors = 'Choose at least one door or group.';
  const wrong = windowError(window);
  if (wrong) errors[wrong.field] = wrong.message;
  return errors;
}

/** The platform's refusal by the field it names ("email must…", "end_date must…"), else null. */
export function refusalField(message: string): PassField | null {
  if (/^name\b/.test(message)) return 'name';
  if (/^email\b/.test(message)) return 'email';
  if (/^(lockids|groupids)\b|door/.test(message)) return 'doors';
  if (/^start_date\b/.test(message)) return 'start';
  if (/^end_date\b|lasts at most/.test(message)) return 'end';
  return null;
}

/** The new pass form's state: what is typed stays when the platform refuses it. */
export function useNewPassForm(onSubmit: (body: CreatePassBody) => void) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [doors, setDoors] = useState<ChosenDoor[]>([]);
  const [window, setWindow] = useState<PassWindow>({ start: '', end: '' });
  const [errors, setErrors] = useState<Partial<Record<PassField, string>>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = check(name, email, doors, window);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onSubmit({
      name: name.trim(),
      email: email.trim(),
      lockids: doors.flatMap((d) => (d.kind === 'lock' ? [d.lockid] : [])),
      groupids: doors.flatMap((d) => (d.kind === 'group' ? [d.groupid] : [])),
      start_date: toPlatformDate(window.start) ?? '',
      end_date: toPlatformDate(window.end) ?? '',
    });
  };
  return { name, setName, email, setEmail, doors, setDoors, window, setWindow, errors, submit };
}
