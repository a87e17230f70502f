import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { AlertList, ALERT_KIND } from './alert-list';
import { alertStore, TOASTABLE_KINDS, useAlertData } from './alert-store';

const notificationsSupported = () => typeof Notification !== 'undefined';

function Preferences({ userid }: { userid: number }) {
  const { preferences } = useAlertData(userid);
  const store = alertStore(userid);
  const [problem, setProblem] = useState<string | null>(null);

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
    <section aria-labelledby="alert-preferences" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
      <h2 id="alert-preferences" className="text-lg font-semibold">
        Settings
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">Kept in this browser, for your account.</p>
      <fieldset className="mt-4">
        <legend className="text-sm font-medium">Show a pop-up for</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {TOASTABLE_KINDS.map((kind) => (
            <label key={kind} className="flex min-h-8 items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-indigo-600"
                checked={preferences.toast[kind]}
                onChange={(event) => store.update({ preferences: { ...preferences, toast: { ...preferences.toast, [kind]: event.target.checked } } })}
              />
              {ALERT_KIND[kind].label}
            </label>
          ))}
        </div>
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Every alert is listed here either way.</p>
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

/** `/alerts`: every alert, newest first, with "Mark all read", and the alert settings. */
export function AlertsPage() {
  const user = useQuery(sessionQueries.me()).data?.user;
  const data = useAlertData(user?.userid ?? -1);
  if (!user) return null;
  const unread = data.alerts.filter((a) => !a.read).length;
  return (
    <div className="mx-auto flex max-w-screen-2xl flex-col gap-4 px-4 py-6 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Alerts</h1>
        <Button onClick={() => alertStore(user.userid).update({ markAllRead: true })} disabled={unread === 0}>
          Mark all read
        </Button>
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <section aria-label="All alerts" className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
          <p className="border-b border-slate-200 px-3 py-2 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-300">
            {data.alerts.length} alert{data.alerts.length === 1 ? '' : 's'}, {unread} unread
          </p>
          <AlertList alerts={data.alerts} />
        </section>
        <Preferences userid={user.userid} />
      </div>
    </div>
  );
}

export default AlertsPage;
