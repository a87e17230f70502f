import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { User } from '@contract/auth';
import { appConfigQuery } from '@/api/app-config';
import { feedQueries } from '@/api/events';
import { showToast } from '@/lib/toasts';
import { useLeadership } from '@/lib/use-leadership';
import { type Alert, awaySummary, isAway, isCritical, planToasts, step, type ToastPlan } from './alert-rules';
import { type AlertPreferences, alertStore, useAlertData } from './alert-store';

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
    });
  }
}

function notify(plans: readonly ToastPlan[], preferences: AlertPreferences) {
  if (!preferences.notify || typeof Notification === 'undefined' || Notification.permission !== 'granted' || !document.hidden) return;
  for (const plan of plans) new Notification(plan.title, { body: plan.detail, tag: `lockboard-${plan.kind}-${plan.title}` });
}

function toastsFor(alerts: readonly Alert[], preferences: AlertPreferences): ToastPlan[] {
  return planToasts(alerts.filter((a) => a.kind === 'away-summary' || preferences.toast[a.kind]));
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
  const starting = useRef(false);

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
      store.update({ watcher: { cursor: newest.data, cursorAt: Date.now(), pendingOffline: {}, shownOffline: {} } });
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
    if (!feed.data || !enabled || !current || !config || starting.current) return;
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
      starting.current = true;
      void queryClient
        .fetchQuery(feedQueries.newest())
        .then((newestId) => {
          const summary = awaySummary(feed.data.backlog, now);
          store.update({ watcher: { cursor: newestId, cursorAt: now, pendingOffline: {}, shownOffline: current.shownOffline }, alerts: [summary] });
          publish([summary]);
        })
        .finally(() => (starting.current = false));
      return;
    }

    const result = step(current, feed.data.events, now, {
      offlineAfterMs: config.offlineAlertAfterS * 1000,
      timezone: config.timezone,
      userid: user.userid,
    });
    store.update({ watcher: result.state, alerts: result.alerts });
    publish(result.alerts);
    // Every poll is a tick of the clock, whether or not events came: offline alerts fall due on time.
  }, [feed.data, feed.dataUpdatedAt, enabled, config, store, user.userid, queryClient]);

  return null;
}
