import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { User } from '@contract/auth';
import { platformDateToMs } from '@contract/platform-date';
import { appConfigQuery } from '@/api/app-config';
import { feedQueries } from '@/api/events';
import { lockQueries } from '@/api/locks';
import { showToast } from '@/lib/toasts';
import { useLeadership } from '@/lib/use-leadership';
import {
  type Alert,
  type AlertPreferences,
  awaySummary,
  isAway,
  isCritical,
  planToasts,
  type PlatformOpen,
  type RuleSettings,
  ruleSettingsFrom,
  step,
  toastWorthy,
  type ToastPlan,
} from './alert-rules';
import { alertStore, useAlertData } from './alert-store';
import { LockNow } from './lock-now';

/**
 * Toasts reach every tab of the user; the leading tab alone reads the feed. One channel object per
 * tab (a channel never hears its own messages, but would hear a second object of the same tab).
 */
const channels = new Map<number, BroadcastChannel>();
function toastChannel(userid: number): BroadcastChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  let channel = channels.get(userid);
  if (!channel) {
    channel = new BroadcastChannel(`lockboard-alert-toasts-${userid}`);
    channels.set(userid, channel);
  }
  return channel;
}

function present(plans: readonly ToastPlan[]) {
  for (const plan of plans) {
    showToast({
      tone: isCritical(plan.kind) ? 'critical' : 'info',
      title: plan.title,
      body: plan.detail,
      action: { label: plan.count > 1 ? 'Open the alerts' : plan.href.startsWith('/locks/') ? 'Open the lock' : 'Open', href: plan.href },
      control: plan.kind === 'left-unlocked' && plan.alertId ? <LockNow alertId={plan.alertId} /> : undefined,
      group: 'alert',
    });
  }
}

function notify(plans: readonly ToastPlan[], preferences: AlertPreferences) {
  if (!preferences.notify || typeof Notification === 'undefined' || Notification.permission !== 'granted' || !document.hidden) return;
  for (const plan of plans) new Notification(plan.title, { body: plan.detail, tag: `lockboard-${plan.kind}-${plan.title}` });
}

function toastsFor(alerts: readonly Alert[], preferences: AlertPreferences): ToastPlan[] {
  return planToasts(toastWorthy(alerts, preferences));
}

/**
 * Watches the fleet's event feed for the signed-in user and turns it into alerts: polls
 * `/api/events?afterid=<last seen>` every POLL_INTERVAL_MS, also in a hidden tab (that is when
 * alerts matter). The first visit starts from now; later visits resume where the last one stopped,
 * unless that is more than a day or 500 events behind, which becomes one summary.
 */
export function AlertWatcher({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const config = useQuery(appConfigQuery).data;
  const leader = useLeadership(`lockboard-alerts-${user.userid}`);
  const store = alertStore(user.userid);
  const enabled = leader && !!config?.features.eventFeed;
  /** An away summary or a platform check is on its way: polls wait for it (the cursor has not moved, so nothing is missed). */
  const busy = useRef(false);

  // Toasts for alerts found by another tab.
  useEffect(() => {
    const channel = toastChannel(user.userid);
    if (!channel) return;
    channel.onmessage = (event: MessageEvent<ToastPlan[]>) => {
      if (!document.hidden) present(event.data);
    };
    return () => {
      channel.onmessage = null;
    };
  }, [user.userid]);

  const { watcher } = useAlertData(user.userid);
  const newest = useQuery({ ...feedQueries.newest(), enabled: enabled && watcher === null });
  useEffect(() => {
    if (newest.data !== undefined && store.snapshot.watcher === null) {
      store.update({ watcher: { cursor: newest.data, cursorAt: Date.now(), pendingOffline: {}, shownOffline: {}, openDoors: {} } });
    }
  }, [newest.data, store]);

  const cursor = watcher?.cursor ?? null;
  const feed = useQuery({
    ...feedQueries.after(cursor ?? 0),
    enabled: enabled && cursor !== null,
    refetchInterval: config?.pollIntervalMs ?? false,
    refetchIntervalInBackground: true,
  });

  useEffect(() => {
    const current = store.snapshot.watcher;
    if (!feed.data || !enabled || !current || !config || busy.current) return;
    const now = Date.now();
    const publish = (alerts: Alert[]) => {
      const plans = toastsFor(alerts, store.snapshot.preferences);
      if (plans.length === 0) return;
      present(plans);
      notify(plans, store.snapshot.preferences);
      toastChannel(user.userid)?.postMessage(plans);
    };

    if (isAway(current, feed.data.backlog, now)) {
      if (feed.data.backlog === 0) {
        store.update({ watcher: { ...current, cursorAt: now, pendingOffline: {} } });
        return;
      }
      busy.current = true;
      void queryClient
        .fetchQuery(feedQueries.newest())
        .then((newestId) => {
          const summary = awaySummary(feed.data.backlog, now);
          // What the feed said of open doors is stale after a gap: the doors are forgotten with it.
          store.update({ watcher: { cursor: newestId, cursorAt: now, pendingOffline: {}, shownOffline: current.shownOffline, openDoors: {} }, alerts: [summary] });
          publish([summary]);
        })
        .finally(() => (busy.current = false));
      return;
    }

    const settings: RuleSettings = {
      offlineAfterMs: config.offlineAlertAfterS * 1000,
      timezone: config.timezone,
      userid: user.userid,
      ...ruleSettingsFrom(store.snapshot.preferences),
    };
    const apply = (platform: PlatformOpen) => {
      const latest = store.snapshot.watcher ?? current;
      const result = step(latest, feed.data.events, now, settings, platform);
      store.update({ watcher: result.state, alerts: result.alerts, updates: result.updates });
      publish(result.alerts);
    };
    // Every poll is a tick of the clock, whether or not events came: offline alerts and doors left
    // unlocked fall due on time. A door that falls due is checked with the platform first.
    const due = step(current, feed.data.events, now, settings).alerts.flatMap((a) => (a.kind === 'left-unlocked' && a.lockid ? [a.lockid] : []));
    if (due.length === 0) return apply({});
    busy.current = true;
    const viaList = !config.features.lockDetail;
    void Promise.all(
      due.map((lockid) =>
        queryClient
          .fetchQuery({ ...lockQueries.detail(lockid, viaList), staleTime: 0 })
          .then((lock): [string, PlatformOpen[string]] => {
            const relockMs = lock.relockAt === null ? null : platformDateToMs(lock.relockAt, config.timezone);
            return [lockid, lock.open && relockMs !== null && relockMs > Date.now() ? 'timed' : lock.open];
          })
          .catch((): [string, PlatformOpen[string]] => [lockid, null]),
      ),
    )
      .then((states) => apply(Object.fromEntries(states)))
      .finally(() => (busy.current = false));
  }, [feed.data, feed.dataUpdatedAt, enabled, config, store, user.userid, queryClient]);

  return null;
}
