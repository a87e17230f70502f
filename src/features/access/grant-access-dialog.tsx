import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { GRANT_METHODS } from '@contract/constants';
import { type Person, peopleQueries, useCreateGrant, useCreatePerson } from '@/api/access';
import { ApiError } from '@/api/client';
import { lockGroupQueries } from '@/api/lockgroups';
import { lockQueries } from '@/api/locks';
import { Button } from '@/components/button';
import { CopyButton } from '@/components/copy-button';
import { FieldError, FormError, inputClass } from '@/components/form-field';
import { showToast } from '@/lib/toasts';
import {
  type GrantField,
  type GrantFieldErrors,
  type GrantFormState,
  INITIAL_GRANT_FORM,
  SCHEDULE_PRESETS,
  buildGrantWindow,
  earliestLastDay,
  fieldOfGrantError,
  pastLastDay,
  previewWindow,
} from './grant-form';
import { GRANT_METHOD_LABELS, describeGrantRule } from './grant-rule';
import { usePlatformToday, usePlatformZone } from './use-platform-clock';

/**
 * Where the dialog gives access: a fixed lock or group (the person is chosen), or a fixed person
 * (the lock or group is chosen).
 */
export type GrantAccessTarget = { lockid: string; lockName: string } | { groupid: number; groupName: string } | { userid: number; personName: string };

type Chosen = { kind: 'lock'; lockid: string; name: string } | { kind: 'group'; groupid: number; name: string };

const DEBOUNCE_MS = 300;
const RESULTS = 8;
const WEEKDAYS = [
  ['1', 'Mon', 'Monday'],
  ['2', 'Tue', 'Tuesday'],
  ['3', 'Wed', 'Wednesday'],
  ['4', 'Thu', 'Thursday'],
  ['5', 'Fri', 'Friday'],
  ['6', 'Sat', 'Saturday'],
  ['7', 'Sun', 'Sunday'],
] as const;

const muted = 'text-slate-600 dark:text-slate-300';
const choice =
  'flex min-h-8 cursor-pointer items-center gap-2 rounded-md px-2 text-sm ring-1 ring-slate-200 ring-inset has-checked:bg-indigo-50 has-checked:ring-indigo-600 dark:ring-slate-700 dark:has-checked:bg-indigo-500/15 dark:has-checked:ring-indigo-400';

/** The text typed, once typing has stopped for a moment. */
function useSettled(text: string, delay: number): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(text), delay);
    return () => window.clearTimeout(timer);
  }, [text, delay]);
  return settled;
}

function describedBy(id: string, error: unknown): string | undefined {
  return error ? `${id}-error` : undefined;
}

/** "Grant access" and the dialog it opens. */
export function GrantAccessButton({ target, label = 'Grant access' }: { target: GrantAccessTarget; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <GrantAccessDialog open={open} target={target} onClose={() => setOpen(false)} />
    </>
  );
}

/**
 * "Grant access": a native modal dialog. Find a person as you type or add one (or, from a person's
 * page, find the lock or group), choose the method, how long, and optionally the days and hours,
 * with the rule in words as it is built. Refusals show by the field they name; nothing typed is
 * lost. A keypad grant's code is shown once, here, with a copy button.
 */
export function GrantAccessDialog({ open, target, onClose }: { open: boolean; target: GrantAccessTarget; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal?.();
    return () => {
      if (dialog.open) dialog.close();
      const active = document.activeElement;
      const lost = active === null || active === document.body || dialog.contains(active);
      if (lost && opener?.isConnected) opener.focus();
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100"
    >
      {open && <GrantAccessForm titleId={titleId} target={target} onClose={onClose} />}
    </dialog>
  );
}

function targetWords(target: GrantAccessTarget): string {
  return 'lockid' in target ? target.lockName : 'groupid' in target ? `the group ${target.groupName}` : target.personName;
}

function GrantAccessForm({ titleId, target, onClose }: { titleId: string; target: GrantAccessTarget; onClose: () => void }) {
  const id = useId();
  const forPerson = 'userid' in target;
  const [person, setPerson] = useState<Pick<Person, 'userid' | 'name'> | null>(forPerson ? { userid: target.userid, name: target.personName } : null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [form, setForm] = useState<GrantFormState>(INITIAL_GRANT_FORM);
  const [checked, setChecked] = useState<GrantFieldErrors>({});
  const [sent, setSent] = useState<string | null>(null);
  const [code, setCode] = useState<{ passcode: string; who: string; where: string } | null>(null);
  const create = useCreateGrant();
  const [today, zone] = [usePlatformToday(), usePlatformZone()];
  const passed = pastLastDay(form, today);
  const update = (patch: Partial<GrantFormState>) => {
    setForm((current) => ({ ...current, ...patch }));
    setChecked({});
  };

  // The platform's refusal stands while the form still holds what was sent.
  const snapshot = JSON.stringify([form, person?.userid, chosen]);
  const refusal = create.error && sent === snapshot ? fieldOfGrantError(create.error instanceof ApiError ? create.error.message : 'Access could not be granted.') : null;
  const errors: GrantFieldErrors = { ...checked, ...(passed ? { end_date: passed } : {}), ...(refusal?.field ? { [refusal.field]: refusal.message } : {}) };
  const otherError = refusal && !refusal.field ? refusal.message : null;
  const where = forPerson ? (chosen ? (chosen.kind === 'lock' ? chosen.name : `the group ${chosen.name}`) : null) : targetWords(target);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const built = buildGrantWindow(form, today);
    const found: GrantFieldErrors = 'errors' in built ? { ...built.errors } : {};
    if (!person) found.person = 'Choose a person, or add one.';
    if (forPerson && !chosen) found.target = 'Choose a lock or a group.';
    if (Object.keys(found).length > 0 || 'errors' in built || !person) {
      setChecked(found);
      const first = (['person', 'target', 'method', 'start_date', 'end_date', 'weekdays', 'start_time', 'end_time'] as GrantField[]).find((f) => found[f]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const to =
      'lockid' in target
        ? { lockid: target.lockid }
        : 'groupid' in target
          ? { groupid: target.groupid }
          : chosen?.kind === 'lock'
            ? { lockid: chosen.lockid }
            : { groupid: chosen?.kind === 'group' ? chosen.groupid : 0 };
    setSent(snapshot);
    create.mutate(
      { userid: person.userid, ...to, method: form.method, ...built.window },
      {
        onSuccess: ({ grant, passcode }) => {
          const whereNow = where ?? 'the door';
          if (passcode) setCode({ passcode, who: grant.username, where: whereNow });
          else {
            showToast({ tone: 'success', title: 'Access granted', body: `${grant.username} · ${whereNow} · ${describeGrantRule(grant, zone)}` });
            onClose();
          }
        },
      },
    );
  };

  if (code) {
    return (
      <div className="flex flex-col gap-3 p-5">
        <h2 id={titleId} className="text-lg font-semibold break-words">
          Keypad code for {code.who}
        </h2>
        <p className={`text-sm ${muted}`}>For {code.where}.</p>
        <div className="flex flex-wrap items-center gap-2">
          <code className="rounded bg-slate-100 px-3 py-1 font-mono text-2xl font-semibold dark:bg-slate-800" aria-label={`Keypad code for ${code.who}`}>
            {code.passcode}
          </code>
          <CopyButton value={code.passcode} label={`keypad code for ${code.who}`} />
        </div>
        <p className="text-sm">You won’t see it again here; a manager can reveal it later from the list.</p>
        <div className="flex justify-end">
          <Button variant="primary" autoFocus onClick={onClose}>
            Done
          </Button>
        </div>
      </div>
    );
  }

  const preview = describeGrantRule(previewWindow(form), zone);
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4 p-5">
      <h2 id={titleId} className="text-lg font-semibold break-words">
        {forPerson ? `Grant ${target.personName} access` : `Grant access to ${targetWords(target)}`}
      </h2>

      {forPerson ? (
        <TargetPicker id={`${id}-target`} chosen={chosen} onChoose={setChosen} error={errors.target} />
      ) : (
        <PersonPicker id={`${id}-person`} person={person} onChoose={(p) => {
            setPerson(p);
            setChecked({});
          }} error={errors.person} />
      )}
      {!forPerson && errors.target && <FieldError id={`${id}-target-error`}>{errors.target}</FieldError>}

      <fieldset>
        <legend className="text-sm font-medium">Method</legend>
        <div id={`${id}-method`} tabIndex={-1} className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
          {GRANT_METHODS.map((method) => (
            <label key={method} className={choice}>
              <input
                type="radio"
                name={`${id}-method`}
                checked={form.method === method}
                onChange={() => update({ method })}
                className="size-4 accent-indigo-600"
              />
              {GRANT_METHOD_LABELS[method]}
            </label>
          ))}
        </div>
        {errors.method && <FieldError id={`${id}-method-error`}>{errors.method}</FieldError>}
      </fieldset>

      <fieldset>
        <legend className="text-sm font-medium">How long</legend>
        <div className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
          {(
            [
              ['always', 'Always'],
              ['until', 'Until a date'],
              ['range', 'Date range'],
            ] as const
          ).map(([value, text]) => (
            <label key={value} className={choice}>
              <input
                type="radio"
                name={`${id}-validity`}
                checked={form.validity === value}
                onChange={() => update({ validity: value })}
                className="size-4 accent-indigo-600"
              />
              {text}
            </label>
          ))}
        </div>
        {form.validity !== 'always' && (
          <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
            {form.validity === 'range' && (
              <div>
                <label htmlFor={`${id}-start_date`} className="mb-1 block text-sm">
                  First day
                </label>
                <input
                  id={`${id}-start_date`}
                  type="date"
                  value={form.startDay}
                  aria-invalid={errors.start_date ? true : undefined}
                  aria-describedby={describedBy(`${id}-start_date`, errors.start_date)}
                  onChange={(event) => update({ startDay: event.target.value })}
                  className={inputClass}
                />
                {errors.start_date && <FieldError id={`${id}-start_date-error`}>{errors.start_date}</FieldError>}
              </div>
            )}
            <div>
              <label htmlFor={`${id}-end_date`} className="mb-1 block text-sm">
                Last day
              </label>
              <input
                id={`${id}-end_date`}
                type="date"
                value={form.endDay}
                min={earliestLastDay(form, today)}
                aria-invalid={errors.end_date ? true : undefined}
                aria-describedby={describedBy(`${id}-end_date`, errors.end_date)}
                onChange={(event) => update({ endDay: event.target.value })}
                className={inputClass}
              />
              {errors.end_date && <FieldError id={`${id}-end_date-error`}>{errors.end_date}</FieldError>}
            </div>
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend className="sr-only">Days and hours</legend>
        <label className="flex min-h-8 items-center gap-2 text-sm font-medium">
          <input type="checkbox" className="size-4 accent-indigo-600" checked={form.scheduled} onChange={(event) => update({ scheduled: event.target.checked })} />
          Only on certain days and hours
        </label>
        {form.scheduled && (
          <div className="mt-2 flex flex-col gap-3">
            <div className="flex flex-wrap gap-2">
              {SCHEDULE_PRESETS.map((preset) => {
                const on = form.days === preset.days && form.startTime === preset.startTime && form.endTime === preset.endTime;
                return (
                  <Button
                    key={preset.label}
                    size="sm"
                    aria-pressed={on}
                    onClick={() => update({ days: preset.days, startTime: preset.startTime, endTime: preset.endTime })}
                  >
                    {preset.label}
                  </Button>
                );
              })}
            </div>
            <div>
              <div id={`${id}-weekdays`} tabIndex={-1} role="group" aria-label="Days" className="flex flex-wrap gap-1">
                {WEEKDAYS.map(([digit, short, long]) => (
                  <label key={digit} className={choice}>
                    <input
                      type="checkbox"
                      aria-label={long}
                      checked={form.days.includes(digit)}
                      onChange={(event) =>
                        update({ days: event.target.checked ? form.days + digit : form.days.replaceAll(digit, '') })
                      }
                      className="size-4 accent-indigo-600"
                    />
                    <span aria-hidden="true">{short}</span>
                  </label>
                ))}
              </div>
              {errors.weekdays && <FieldError id={`${id}-weekdays-error`}>{errors.weekdays}</FieldError>}
            </div>
            <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
              {(
                [
                  ['start_time', 'From', 'startTime'],
                  ['end_time', 'Until', 'endTime'],
                ] as const
              ).map(([name, text, key]) => (
                <div key={name}>
                  <label htmlFor={`${id}-${name}`} className="mb-1 block text-sm">
                    {text}
                  </label>
                  <input
                    id={`${id}-${name}`}
                    type="time"
                    value={form[key]}
                    aria-invalid={errors[name] ? true : undefined}
                    aria-describedby={describedBy(`${id}-${name}`, errors[name])}
                    onChange={(event) => update({ [key]: event.target.value })}
                    className={inputClass}
                  />
                  {errors[name] && <FieldError id={`${id}-${name}-error`}>{errors[name]}</FieldError>}
                </div>
              ))}
            </div>
            <p className={`text-xs ${muted}`}>Leave both times empty for all day. An end before the start runs overnight.</p>
          </div>
        )}
      </fieldset>

      <p className="rounded-md bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800">
        <span className="font-medium">Rule: </span>
        <output htmlFor={`${id}-end_date ${id}-start_time`}>
          {GRANT_METHOD_LABELS[form.method]} · {preview}
        </output>
      </p>

      {otherError && <FormError>{otherError}</FormError>}
      <div className="flex flex-wrap justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? 'Granting…' : 'Grant access'}
        </Button>
      </div>
    </form>
  );
}

/** Find a person as you type, or add one inline. */
function PersonPicker({
  id,
  person,
  onChoose,
  error,
}: {
  id: string;
  person: Pick<Person, 'userid' | 'name'> | null;
  onChoose: (person: Pick<Person, 'userid' | 'name'>) => void;
  error: string | undefined;
}) {
  const [text, setText] = useState('');
  const [adding, setAdding] = useState(false);
  const searchkey = useSettled(text.trim(), DEBOUNCE_MS).slice(0, 100);
  const results = useQuery({ ...peopleQueries.list({ pagenumber: 1, limit: RESULTS, searchkey }), placeholderData: keepPreviousData });
  const people = results.data?.items ?? [];
  const shown = person && !people.some((p) => p.userid === person.userid) ? [person, ...people] : people;

  return (
    <fieldset>
      <legend className="text-sm font-medium">Person</legend>
      {adding ? (
        <AddPerson
          initialName={text.trim()}
          onAdded={(p) => {
            onChoose(p);
            setText(p.name);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <>
          <label htmlFor={id} className="sr-only">
            Find a person
          </label>
          <input
            id={id}
            type="search"
            value={text}
            maxLength={100}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            placeholder="Find a person: name, email, phone"
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(id, error)}
            onChange={(event) => setText(event.target.value)}
            className={`mt-2 ${inputClass}`}
          />
          {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
          <div className="mt-2 flex flex-col gap-1" role="radiogroup" aria-label="People found">
            {shown.map((p) => (
              <label key={p.userid} className={choice}>
                <input type="radio" name={id} checked={person?.userid === p.userid} onChange={() => onChoose(p)} className="size-4 accent-indigo-600" />
                <span className="min-w-0 break-words">{p.name}</span>
              </label>
            ))}
          </div>
          <p role="status" className={`mt-1 text-sm ${muted}`}>
            {results.isError ? results.error.message : results.data && searchkey && people.length === 0 ? `Nobody matches “${searchkey}”.` : ''}
          </p>
          <Button size="sm" variant="ghost" className="mt-1" onClick={() => setAdding(true)}>
            Add a person
          </Button>
        </>
      )}
    </fieldset>
  );
}

function AddPerson({ initialName, onAdded, onCancel }: { initialName: string; onAdded: (person: Person) => void; onCancel: () => void }) {
  const id = useId();
  const [values, setValues] = useState({ name: initialName, email: '', phone: '' });
  const [sent, setSent] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const create = useCreatePerson();
  const refused = create.error && sent === JSON.stringify(values) ? (create.error instanceof ApiError ? create.error.message : 'The person could not be added.') : null;
  const match = refused ? /^(username|email|phone):\s*(.+)$/s.exec(refused) : null;
  const fieldName = match ? (match[1] === 'username' ? 'name' : match[1]) : null;
  const message = match ? (match[2] ?? '').replace(/^./, (c) => c.toUpperCase()) : refused;
  const errorFor = (name: string) => (name === 'name' && missing ? 'Enter the person’s name.' : fieldName === name ? message : null);

  const add = () => {
    if (create.isPending) return;
    if (!values.name.trim()) {
      setMissing(true);
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    setSent(JSON.stringify(values));
    create.mutate({ name: values.name.trim(), email: values.email.trim() || null, phone: values.phone.trim() || null }, { onSuccess: onAdded });
  };

  return (
    <div className="mt-2 flex flex-col gap-2 rounded-md p-3 ring-1 ring-slate-200 dark:ring-slate-700">
      {(
        [
          ['name', 'Name', 'text', 'name'],
          ['email', 'Email (optional)', 'email', 'email'],
          ['phone', 'Phone (optional)', 'tel', 'tel'],
        ] as const
      ).map(([name, text, type, autoComplete]) => {
        const error = errorFor(name);
        return (
          <div key={name}>
            <label htmlFor={`${id}-${name}`} className="mb-1 block text-sm">
              {text}
            </label>
            <input
              id={`${id}-${name}`}
              type={type}
              value={values[name]}
              autoFocus={name === 'name'}
              autoComplete={autoComplete === 'name' ? 'off' : autoComplete}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(`${id}-${name}`, error)}
              onChange={(event) => {
                setValues({ ...values, [name]: event.target.value });
                if (name === 'name') setMissing(false);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add();
                }
              }}
              className={inputClass}
            />
            {error && <FieldError id={`${id}-${name}-error`}>{error}</FieldError>}
          </div>
        );
      })}
      {refused && !fieldName && <FieldError id={`${id}-error`}>{refused}</FieldError>}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="primary" disabled={create.isPending} onClick={add}>
          {create.isPending ? 'Adding…' : 'Add person'}
        </Button>
        <Button size="sm" onClick={onCancel}>
          Back to search
        </Button>
      </div>
    </div>
  );
}

/** From a person's page: find the lock or group to give access to. */
function TargetPicker({ id, chosen, onChoose, error }: { id: string; chosen: Chosen | null; onChoose: (chosen: Chosen) => void; error: string | undefined }) {
  const [kind, setKind] = useState<'lock' | 'group'>('lock');
  const [text, setText] = useState('');
  const searchkey = useSettled(text.trim(), DEBOUNCE_MS).slice(0, 100);
  const locks = useQuery({ ...lockQueries.list({ pagenumber: 1, limit: RESULTS, searchkey }), enabled: kind === 'lock', placeholderData: keepPreviousData });
  const groups = useQuery({
    ...lockGroupQueries.list({ pagenumber: 1, limit: RESULTS, searchkey }),
    enabled: kind === 'group',
    placeholderData: keepPreviousData,
  });
  const options: Chosen[] =
    kind === 'lock'
      ? (locks.data?.locks ?? []).map((lock) => ({ kind: 'lock', lockid: lock.lockid, name: lock.name ?? lock.lockid }))
      : (groups.data?.groups ?? []).map((group) => ({ kind: 'group', groupid: group.groupid, name: group.name }));
  const key = (c: Chosen) => (c.kind === 'lock' ? `lock:${c.lockid}` : `group:${c.groupid}`);
  const shown = chosen && chosen.kind === kind && !options.some((o) => key(o) === key(chosen)) ? [chosen, ...options] : options;
  const failed = kind === 'lock' ? locks.error : groups.error;

  return (
    <fieldset>
      <legend className="text-sm font-medium">Door</legend>
      <div className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
        {(
          [
            ['lock', 'A lock'],
            ['group', 'A group of locks'],
          ] as const
        ).map(([value, text]) => (
          <label key={value} className={choice}>
            <input type="radio" name={`${id}-kind`} checked={kind === value} onChange={() => setKind(value)} className="size-4 accent-indigo-600" />
            {text}
          </label>
        ))}
      </div>
      <label htmlFor={id} className="sr-only">
        {kind === 'lock' ? 'Find a lock' : 'Find a group'}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        maxLength={100}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        placeholder={kind === 'lock' ? 'Find a lock: name, lock ID…' : 'Find a group'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
        onChange={(event) => setText(event.target.value)}
        className={`mt-2 ${inputClass}`}
      />
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
      <div className="mt-2 flex flex-col gap-1" role="radiogroup" aria-label={kind === 'lock' ? 'Locks found' : 'Groups found'}>
        {shown.map((option) => (
          <label key={key(option)} className={choice}>
            <input
              type="radio"
              name={`${id}-choice`}
              checked={chosen !== null && key(chosen) === key(option)}
              onChange={() => onChoose(option)}
              className="size-4 accent-indigo-600"
            />
            <span className="min-w-0 break-words">{option.name}</span>
          </label>
        ))}
      </div>
      <p role="status" className={`mt-1 text-sm ${muted}`}>
        {failed ? failed.message : searchkey && options.length === 0 ? `Nothing matches “${searchkey}”.` : ''}
      </p>
    </fieldset>
  );
}
