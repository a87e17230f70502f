import { infiniteQueryOptions, type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as v from 'valibot';
import { platformDateToMs } from '@contract/platform-date';
import { CONTACT_CHANNELS, type ContactChannel, DELIVERY_STATES, type DeliveryState, RULE_KINDS, RULE_KIND_INFO, type RuleKind, SEVERITIES, type Severity } from '@contract/team-alerts';
import { appConfigQuery } from './app-config';
import { ApiError, getJson, request } from './client';
import { identifier, readRows, rowsOf, text } from './parse';

/**
 * The team's alerts, kept by the gateway (DESIGN.md "Team alerts"). Read leniently: a row without a
 * usable id is dropped, any other odd field gets a default; dates become epoch ms (the wire's are UTC).
 */
export interface InboxAlert {
  alertid: number;
  /** null for a kind this SPA does not know (a newer server). */
  kind: RuleKind | null;
  severity: Severity;
  title: string;
  detail: string;
  lockid: string | null;
  lockName: string | null;
  lockids: string[];
  openedAt: number | null;
  updatedAt: number | null;
  closedAt: number | null;
  resolved: boolean;
  ackedBy: { userid: number; name: string } | null;
  ackedAt: number | null;
  ackNote: string | null;
  escalated: boolean;
  read: boolean;
}

export interface NotifierState {
  state: 'running' | 'standby' | 'off' | 'unavailable';
  msg: string;
  lastPollAt: number | null;
}

export interface InboxDelivery {
  deliveryid: number;
  contactid: number | null;
  channel: ContactChannel | null;
  attempt: number | null;
  state: DeliveryState | null;
  statusCode: number | null;
  detail: string;
  date: number | null;
}

const whole = v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number), v.safeInteger());
const positive = v.pipe(whole, v.minValue(1));
const orNull = <T extends v.GenericSchema>(schema: T) => v.fallback(v.nullable(schema), null);
const utcDate = v.fallback(v.pipe(v.nullable(v.string()), v.transform((value) => platformDateToMs(value, 'UTC'))), null);
const truthy = v.fallback(v.pipe(v.unknown(), v.transform((value) => value === 1 || value === '1' || value === true)), false);

const alertRowSchema = v.looseObject({
  alertid: positive,
  kind: orNull(v.picklist(RULE_KINDS)),
  severity: v.fallback(v.picklist(SEVERITIES), 'warning'),
  title: text,
  detail: text,
  lockid: orNull(identifier),
  lockname: text,
  lockids: v.fallback(v.array(identifier), []),
  opened_date: utcDate,
  updated_date: utcDate,
  closed_date: utcDate,
  closed_reason: orNull(v.literal('resolved')),
  acked_by: orNull(v.looseObject({ userid: positive, name: v.pipe(v.string(), v.trim(), v.minLength(1)) })),
  acked_date: utcDate,
  ack_note: text,
  escalated: truthy,
  read: truthy,
});

export function parseTeamAlert(row: unknown): InboxAlert | null {
  const parsed = v.safeParse(alertRowSchema, row);
  if (!parsed.success) return null;
  const r = parsed.output;
  return {
    alertid: r.alertid,
    kind: r.kind,
    severity: r.severity,
    title: r.title ?? (r.kind ? RULE_KIND_INFO[r.kind].label : 'Alert'),
    detail: r.detail ?? '',
    lockid: r.lockid,
    lockName: r.lockname,
    lockids: r.lockids,
    openedAt: r.opened_date,
    updatedAt: r.updated_date,
    closedAt: r.closed_date,
    resolved: r.closed_reason === 'resolved',
    ackedBy: r.acked_by ? { userid: r.acked_by.userid, name: r.acked_by.name } : null,
    ackedAt: r.acked_date,
    ackNote: r.ack_note,
    escalated: r.escalated,
    read: r.read,
  };
}

const notifierSchema = v.looseObject({
  state: v.fallback(v.picklist(['running', 'standby', 'off', 'unavailable']), 'unavailable'),
  msg: v.fallback(v.string(), ''),
  last_poll_date: utcDate,
});

/** The notifier's state, or null when the answer did not carry one (nothing to warn about then). */
export function parseNotifier(value: unknown): NotifierState | null {
  const parsed = v.safeParse(notifierSchema, value);
  if (!parsed.success) return null;
  return { state: parsed.output.state, msg: parsed.output.msg.trim(), lastPollAt: parsed.output.last_poll_date };
}

const deliveryRowSchema = v.looseObject({
  deliveryid: positive,
  contactid: orNull(positive),
  channel: orNull(v.picklist(CONTACT_CHANNELS)),
  attempt: orNull(whole),
  state: orNull(v.picklist(DELIVERY_STATES)),
  status_code: orNull(whole),
  detail: text,
  date: utcDate,
});

export function parseDelivery(row: unknown): InboxDelivery | null {
  const parsed = v.safeParse(deliveryRowSchema, row);
  if (!parsed.success) return null;
  const r = parsed.output;
  return { deliveryid: r.deliveryid, contactid: r.contactid, channel: r.channel, attempt: r.attempt, state: r.state, statusCode: r.status_code, detail: r.detail ?? '', date: r.date };
}

const readAlerts = (body: Record<string, unknown>) => readRows(rowsOf(body, 'alertslist'), parseTeamAlert, (a) => a.alertid).items;

export interface OpenAlerts {
  /** Worst first, as the server sends them. */
  alerts: InboxAlert[];
  notifier: NotifierState | null;
}

export interface AlertHistoryPage {
  alerts: InboxAlert[];
  /** The `beforeid` of the next page, or null when this one was the last. */
  next: number | null;
}

export const HISTORY_PAGE = 25;

export function parseHistoryPage(body: Record<string, unknown>, limit: number): AlertHistoryPage {
  const rows = rowsOf(body, 'alertslist');
  const alerts = readAlerts(body);
  const lowest = alerts.reduce<number | null>((low, a) => (low === null || a.alertid < low ? a.alertid : low), null);
  return { alerts, next: rows.length >= limit && lowest !== null ? lowest : null };
}

export const teamAlertQueries = {
  all: () => ['team-alerts'] as const,
  /** Every open alert, worst first, and the notifier's state. */
  open: () =>
    queryOptions({
      queryKey: [...teamAlertQueries.all(), 'open'] as const,
      queryFn: async ({ signal }): Promise<OpenAlerts> => {
        const body = await getJson('/api/team-alerts', { state: 'open' }, signal);
        return { alerts: readAlerts(body), notifier: parseNotifier(body.notifier) };
      },
    }),
  /** Every alert, newest first, a page at a time (`beforeid`). */
  history: () =>
    infiniteQueryOptions({
      queryKey: [...teamAlertQueries.all(), 'history'] as const,
      queryFn: async ({ pageParam, signal }) =>
        parseHistoryPage(await getJson('/api/team-alerts', { state: 'all', limit: HISTORY_PAGE, beforeid: pageParam ?? undefined }, signal), HISTORY_PAGE),
      initialPageParam: null as number | null,
      getNextPageParam: (last) => last.next,
    }),
  /** One alert's delivery log (managers). */
  deliveries: (alertid: number) =>
    queryOptions({
      queryKey: [...teamAlertQueries.all(), 'deliveries', alertid] as const,
      queryFn: async ({ signal }) =>
        readRows(rowsOf(await getJson('/api/deliveries', { alertid, limit: 100 }, signal), 'deliverieslist'), parseDelivery, (d) => d.deliveryid).items,
    }),
};

/** The open alerts, polled at the app's interval, also in a hidden tab: that is when alerts matter. */
export function useOpenTeamAlerts(enabled = true) {
  const config = useQuery(appConfigQuery).data;
  return useQuery({
    ...teamAlertQueries.open(),
    enabled: enabled && !!config,
    refetchInterval: config?.pollIntervalMs ?? false,
    refetchIntervalInBackground: true,
  });
}

/** Changes alerts wherever they are cached: the open list and every loaded history page. */
function patchAlerts(client: QueryClient, patch: (alert: InboxAlert) => InboxAlert) {
  client.setQueryData(teamAlertQueries.open().queryKey, (data) => data && { ...data, alerts: data.alerts.map(patch) });
  client.setQueryData(teamAlertQueries.history().queryKey, (data) =>
    data && { ...data, pages: data.pages.map((page) => ({ ...page, alerts: page.alerts.map(patch) })) },
  );
}

function storeAlert(client: QueryClient, alert: InboxAlert) {
  patchAlerts(client, (a) => (a.alertid === alert.alertid ? { ...alert, read: a.read || alert.read } : a));
}

/** The alert a 409 carries (someone acknowledged first), if it does. */
export function alertOfConflict(error: unknown): InboxAlert | null {
  return error instanceof ApiError && error.status === 409 && error.body ? parseTeamAlert(error.body.alert) : null;
}

/**
 * Acknowledge (managers). The answer's alert is shown at once everywhere; a 409 (someone was
 * first) shows that person's acknowledgement when the answer carries it, and refreshes the list.
 */
export function useAckAlert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ alertid, note }: { alertid: number; note: string }) => {
      const body = await request(`/api/team-alerts/${alertid}/ack`, { method: 'POST', body: note.trim() ? { note: note.trim() } : {} });
      const alert = parseTeamAlert(body.alert);
      if (!alert) throw new ApiError(200, 'The server did not send the alert back.');
      return alert;
    },
    onSuccess: (alert) => storeAlert(client, alert),
    onError: (error) => {
      const theirs = alertOfConflict(error);
      if (theirs) storeAlert(client, theirs);
      void client.invalidateQueries({ queryKey: teamAlertQueries.all() });
    },
  });
}

/** The caller's read marks: some alerts, or all. Shown at once; put back if the server refuses. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (which: { alertids: number[] } | { all: true }) => {
      await request('/api/team-alerts/read', { method: 'POST', body: which });
    },
    onMutate: async (which) => {
      await client.cancelQueries({ queryKey: teamAlertQueries.all() });
      const ids = 'alertids' in which ? new Set(which.alertids) : null;
      patchAlerts(client, (a) => (ids === null || ids.has(a.alertid) ? { ...a, read: true } : a));
    },
    onSettled: () => client.invalidateQueries({ queryKey: teamAlertQueries.all() }),
  });
}
