import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { GRANT_METHODS, type GrantMethod } from '@contract/constants';
import { type AccessCheckParams, accessCheckQueries } from '@/api/access-check';
import { appConfigQuery } from '@/api/app-config';
import { Button } from '@/components/button';
import { FormError, TextField, inputClass } from '@/components/form-field';
import { card, muted } from '@/components/page-styles';
import { GRANT_METHOD_LABELS } from './grant-rule';
import { CheckAnswer } from './check-answer';
import { type CheckTarget, CheckTargetPicker } from './check-target-picker';

/** A datetime-local value as the platform writes dates; null when empty or incomplete. */
const toPlatformDate = (value: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value.replace('T', ' ')}:00` : null);

/** The page's own subject: a person (then a lock is chosen) or a lock (then a person is chosen). */
export type CheckSubject = { userid: number; name: string } | { lockid: string; name: string };

/**
 * "Can this person open this door now?": the door's own decision, asked without opening it, with
 * the grant or role that allows it or the reason it would refuse. Optional: a method, a moment.
 */
export function AccessCheckPanel({ subject }: { subject: CheckSubject }) {
  const id = useId();
  const enabled = useQuery(appConfigQuery).data?.features.accessCheck;
  const onPerson = 'userid' in subject;
  const [chosen, setChosen] = useState<CheckTarget | null>(null);
  const [method, setMethod] = useState<GrantMethod | ''>('');
  const [at, setAt] = useState('');
  const [missing, setMissing] = useState(false);
  const [asked, setAsked] = useState<{ params: AccessCheckParams; who: string; door: string; when: string } | null>(null);
  const answer = useQuery({ ...accessCheckQueries.check(asked?.params ?? { userid: 0, lockid: '' }), enabled: asked !== null });
  if (!enabled) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return setMissing(true);
    const person = onPerson ? subject : chosen.kind === 'person' ? chosen : null;
    const lock = onPerson ? (chosen.kind === 'lock' ? chosen : null) : subject;
    if (!person || !lock) return;
    const moment = toPlatformDate(at);
    const params: AccessCheckParams = { userid: person.userid, lockid: lock.lockid, ...(method ? { method } : {}), ...(moment ? { at: moment } : {}) };
    const when = `${method ? `with ${GRANT_METHOD_LABELS[method].toLowerCase()} ` : ''}${moment ? `at ${moment.slice(0, 16)}` : 'now'}`;
    // The same question again is asked again: the answer is about this moment.
    if (asked && JSON.stringify(asked.params) === JSON.stringify(params)) void answer.refetch();
    setAsked({ params, who: person.name, door: lock.name, when });
  };
  return (
    <section aria-labelledby={`${id}-title`} className={`${card} flex flex-col gap-3 p-4`}>
      <h2 id={`${id}-title`} className="text-sm font-semibold">
        {onPerson ? `Can ${subject.name} open this door now?` : 'Can this person open this door now?'}
      </h2>
      <form noValidate onSubmit={submit} className="flex flex-col gap-3">
        <CheckTargetPicker id={`${id}-find`} kind={onPerson ? 'lock' : 'person'} chosen={chosen} onChoose={(t) => { setChosen(t); setMissing(false); }} error={missing ? `Choose a ${onPerson ? 'lock' : 'person'} first.` : undefined} />
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-method`} className="mb-1 block text-sm font-medium">
              Method <span className={`font-normal ${muted}`}>(optional)</span>
            </label>
            <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value as GrantMethod | '')} className={inputClass}>
              <option value="">Any</option>
              {GRANT_METHODS.map((m) => <option key={m} value={m}>{GRANT_METHOD_LABELS[m]}</option>)}
            </select>
          </div>
          <TextField id={`${id}-at`} label="At" optional type="datetime-local" value={at} hint="Empty: now (the site’s clock)." onChange={(e) => setAt(e.target.value)} />
        </div>
        <Button type="submit" className="self-start">Check</Button>
      </form>
      <div aria-live="polite">
        {asked && answer.isPending && <p className={`text-sm ${muted}`}>Checking…</p>}
        {asked && answer.isError && <FormError>{answer.error.message}</FormError>}
        {asked && answer.data && <CheckAnswer check={answer.data} who={asked.who} door={asked.door} when={asked.when} />}
      </div>
    </section>
  );
}
