import type { NotifierStatus, WebhookEventType } from '../../../contract/team-alerts';
import type { Store } from '../../store/store';

/** Hands a message about an alert to the delivery outbox, for these contacts. */
export interface AlertMessenger {
  enqueue(input: { alertid: number; type: WebhookEventType; contactids: readonly number[] }): Promise<void>;
}

export interface ContactTestResult {
  ok: boolean;
  status_code: number | null;
  detail: string;
}

export interface TeamAlertsMessenger extends AlertMessenger {
  /** Sends a test message to one contact now and says how it went. */
  sendTest(contactid: number): Promise<ContactTestResult>;
}

/** What the team-alerts routes need from the rest of the deployment (the lead wires the real ones). */
export interface TeamAlertsServices {
  store: Store;
  messenger: TeamAlertsMessenger;
  notifierStatus(): Promise<NotifierStatus>;
}

/** Until delivery is wired in: nothing is sent, and a test says so. */
export const idleMessenger: TeamAlertsMessenger = {
  enqueue: async () => undefined,
  sendTest: async () => ({ ok: false, status_code: null, detail: 'Delivery is not running on this copy' }),
};

export const offNotifierStatus = async (): Promise<NotifierStatus> => ({
  state: 'off',
  msg: 'Alerts are not being watched on this copy: the notifier is not running',
  last_poll_date: null,
});
