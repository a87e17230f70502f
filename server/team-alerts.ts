import type { Config } from './config';
import { Delivery } from './delivery/delivery';
import type { TeamAlertsServices } from './gateway/team-alerts/services';
import { Notifier, readNotifierStatus, seedDefaultRules } from './notifier/notifier';
import { type Store, openStore } from './store/store';

export interface TeamAlertsDeployment extends TeamAlertsServices {
  /** This copy's notifier (null with NOTIFIER=off). */
  notifier: Notifier | null;
  delivery: Delivery;
  /** Starts the notifier and the sender (after the gateway listens). */
  start(): void;
  /** Stops both and, when it opened it, closes the store. */
  close(): Promise<void>;
}

type Log = { info(msg: string): void; warn(msg: string): void };

/**
 * The team alerts of one gateway copy: the store (opened here unless handed in), the delivery
 * outbox's sender and the notifier. Every copy may send (claims keep a message to one sender);
 * one notifier works per deployment (its lease), the others stand by.
 */
export async function openTeamAlerts(
  config: Config,
  options: { upstreamUrl: string; serviceAccount: { email: string; password: string } | null; log: Log; store?: Store },
): Promise<TeamAlertsDeployment> {
  const store = options.store ?? (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  await seedDefaultRules(store.db, config.offlineAlertAfterS);
  const delivery = new Delivery({
    db: store.db,
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    publicUrl: config.publicUrl,
    webhookAllowHosts: config.webhookAllowHosts,
    log: options.log,
  });
  const notifier = config.notifier
    ? new Notifier({
        db: store.db,
        upstreamUrl: options.upstreamUrl,
        account: config.serviceAccount ?? options.serviceAccount,
        pollMs: config.notifierPollMs,
        platformTimeZone: config.plusTimezone,
        messenger: delivery,
        log: options.log,
      })
    : null;
  return {
    store,
    messenger: delivery,
    notifier,
    delivery,
    notifierStatus: async () => {
      const status = await readNotifierStatus(store.db, Date.now());
      if (status.state !== 'off' || notifier) return status;
      return { ...status, msg: 'The notifier is off on this copy (NOTIFIER=off) and no other copy runs it' };
    },
    start() {
      // Every copy sends what is due (a claim keeps each message to one sender), NOTIFIER=off or not.
      delivery.start();
      notifier?.start();
    },
    async close() {
      await notifier?.stop();
      await delivery.stop();
      if (!options.store) await store.close();
    },
  };
}
