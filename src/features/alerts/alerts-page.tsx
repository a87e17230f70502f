import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { AlertFilter, AlertList, ALERT_KIND, filterAlerts, filterKinds, isAlertFilter } from './alert-list';
import { type AlertMode, ALWAYS_LISTED, CHOOSABLE_KINDS, type ChoosableKind, DEFAULT_PREFERENCES, LEFT_UNLOCKED_CHOICES } from './alert-rules';
import { alertStore, useAlertData } from './alert-store';
import { NoEventFeed, useNoEventFeed } from './no-event-feed';

const notificationsSupported = () => typeof Notification !== 'undefined';

const MODE_LABEL: Record<AlertMode, string> = { popup: 'Pop up and list', list: 'List only', off: 'Off' };

/** What each kind means, under its name in the settings. */
const KIND_HINT: Record<ChoosableKind, string> = {
  'access-denied-burst': 'One lock refuses 3 attempts within 5 minutes. Stays until you dismiss it.',
  'left-unlocked': 'A door stays unlocked, by anyone, past the time below.',
  offline: 'A lock stays offline past the server’s threshold.',
  online: 'A lock that was reported offline is back.',
  'battery-critical': 'At or below 10 %.',
  'battery-low': 'At or below 20 %.',
  'access-denied': 'A door refuses someone: no access, outside hours, expired, wrong method.',
  unlocked: 'Routine use: every unlock by card, keypad, app, fingerprint or another manager.',
  locked: 'Routine use: every lock by a person.',
};

function formatMinutes(min: number): string {
  return min < 1 ? `${Math.round(min * 60)} seconds` : `${min} minutes`;
}

const selectClass =
  'min-h-9 rounded-md border-0 bg-white px-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:text-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-600 dark:disabled:text-slate-400';

function KindSetting({ kind, userid }: { kind: ChoosableKind; userid: number }) {
  const { preferences } = useAlertData(userid);
  const id = useId();
  const modes: AlertMode[] = ALWAYS_LISTED.has(kind) ? ['popup', 'list'] : ['popup', 'list', 'off'];
  return (
    <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2">
      <div className="min-w-0 flex-1 basis-48">
        <label htmlFor={id} className="text-sm font-medium">
          {ALERT_KIND[kind].label}
        </label>
        <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-300">
          {KIND_HINT[kind]}
        </p>
      </div>
      <select
        id={id}
        aria-describedby={`${id}-hint`}
        className={selectClass}
        value={preferences.modes[kind]}
        onChange={(event) =>
          alertStore(userid).update({ preferences: { ...preferences, modes: { ...preferences.modes, [kind]: event.target.value as AlertMode } } })
        }
      >
        {modes.map((mode) => (
          <option key={mode} value={mode}>
            {MODE_LABEL[mode]}
            {mode === DEFAULT_PREFERENCES.modes[kind] ? ' (default)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

function Preferences({ userid }: { userid: number }) {
  const { preferences } = useAlertData(userid);
  const store = alertStore(userid);
  const [problem, setProblem] = useState<string | null>(null);
  const thresholdId = useId();

  const setNotify = async (on: boolean) => {
    setProblem(null);
    if (!on) return store.update({ preferences: { ...preferences, notify: false } });
    if (!notificationsSupported()) return setProblem('This browser does not support notifications.');
    // Asked only now, because the user turned them on.
    const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
    if (permission !== 'granted') {
      setProblem('The browser refused notifications for Lockboard. Allow them in the site settings, then try again.');
      return;
    }
    store.update({ preferences: { ...preferences, notify: true } });
  };

  return (
    <section aria-labelledby="alert-preferences" className="self-start rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
      <h2 id="alert-preferences" className="text-lg font-semibold">
        Settings
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">Kept in this browser, for your account. Activity lists every event either way.</p>
      <div className="mt-4 flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        <label htmlFor={thresholdId} className="text-sm font-medium">
          A door counts as left unlocked after
        </label>
        <select
          id={thresholdId}
          className={selectClass}
          value={preferences.leftUnlockedAfterMin ?? 'off'}
          onChange={(event) =>
            store.update({ preferences: { ...preferences, leftUnlockedAfterMin: event.target.value === 'off' ? null : Number(event.target.value) } })
          }
        >
          {LEFT_UNLOCKED_CHOICES.map((min) => (
            <option key={min} value={min}>
              {formatMinutes(min)}
              {min === DEFAULT_PREFERENCES.leftUnlockedAfterMin ? ' (default)' : ''}
            </option>
          ))}
          {preferences.leftUnlockedAfterMin !== null && !(LEFT_UNLOCKED_CHOICES as readonly number[]).includes(preferences.leftUnlockedAfterMin) && (
            <option value={preferences.leftUnlockedAfterMin}>{formatMinutes(preferences.leftUnlockedAfterMin)}</option>
          )}
          <option value="off">Never (off)</option>
        </select>
      </div>
      <fieldset className="mt-4">
        <legend className="text-sm font-semibold">What to tell you about</legend>
        <div className="mt-1 divide-y divide-slate-200 dark:divide-slate-800">
          {CHOOSABLE_KINDS.map((kind) => (
            <KindSetting key={kind} kind={kind} userid={userid} />
          ))}
        </div>
      </fieldset>
      <div className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800">
        <label className="flex min-h-8 items-center gap-2 text-sm font-medium">
          <input type="checkbox" className="size-4 accent-indigo-600" checked={preferences.notify} onChange={(event) => void setNotify(event.target.checked)} />
          Browser notifications while Lockboard is in the background
        </label>
        {problem && (
          <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
            {problem}
          </p>
        )}
      </div>
    </section>
  );
}

/** `/alerts`: every alert, newest first, filtered by kind (`?kind=`), with "Mark all read", and the alert settings. */
export function AlertsPage() {
  const user = useQuery(sessionQueries.me()).data?.user;
  const data = useAlertData(user?.userid ?? -1);
  const [search, setSearch] = useSearchParams();
  const requested = search.get('kind');
  const filter = isAlertFilter(requested) ? requested : 'all';
  const noFeed = useNoEventFeed();
  if (!user) return null;
  if (noFeed) {
    return (
      <div className="mx-auto flex max-w-screen-2xl flex-col gap-4 px-4 py-6 sm:px-6">
        <h1 className="text-2xl font-semibold tracking-tight">Alerts</h1>
        <NoEventFeed reason={noFeed} />
      </div>
    );
  }
  const shown = filterAlerts(data.alerts, filter);
  const kinds = filterKinds(filter);
  const unread = shown.filter((a) => !a.read).length;
  return (
    <div className="mx-auto flex max-w-screen-2xl flex-col gap-4 px-4 py-6 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Alerts</h1>
        <Button onClick={() => alertStore(user.userid).update({ markRead: kinds ?? true })} disabled={unread === 0}>
          {kinds ? 'Mark these read' : 'Mark all read'}
        </Button>
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <section aria-label="All alerts" className="min-w-0 self-start overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
          <div className="flex flex-col gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
            <AlertFilter
              alerts={data.alerts}
              value={filter}
              onChange={(value) =>
                setSearch(
                  (current) => {
                    const next = new URLSearchParams(current);
                    if (value === 'all') next.delete('kind');
                    else next.set('kind', value);
                    return next;
                  },
                  { replace: true },
                )
              }
            />
            <p className="text-sm text-slate-600 dark:text-slate-300" aria-live="polite">
              {shown.length} alert{shown.length === 1 ? '' : 's'}
              {kinds ? ' of this kind' : ''}, {unread} unread
            </p>
          </div>
          <AlertList alerts={shown} onDismiss={(id) => alertStore(user.userid).update({ dismiss: id })} empty={kinds ? 'No alerts of this kind.' : undefined} />
        </section>
        <Preferences userid={user.userid} />
      </div>
    </div>
  );
}

export default AlertsPage;
