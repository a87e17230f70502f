import { openStore } from '../store/store';
import { Delivery } from './delivery';

/**
 * A sender in a process of its own, for the kill test: `node --import tsx sender-process.ts
 * <sqlite file> <allowed host>`. It prints "started" and sends until it is killed.
 */
const [file, allowHost] = process.argv.slice(2);
if (!file || !allowHost) throw new Error('usage: sender-process.ts <sqlite file> <allowed host>');
const store = await openStore({ file });
const delivery = new Delivery({
  db: store.db,
  smtpUrl: null,
  mailFrom: 'lockboard@localhost',
  publicUrl: 'http://dash.example.test',
  webhookAllowHosts: [allowHost],
  sendTimeoutMs: 60_000,
});
delivery.start(50);
process.stdout.write('started\n');
