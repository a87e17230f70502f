/**
 * `npm run audit:verify`: walks the audit trail's hash chain in the gateway's store (DATABASE_URL, or
 * gateway.sqlite in DATA_DIR, as the gateway reads them). Prints "ok: N records verified" and exits 0,
 * or names the first record that does not fit ("record 42 was changed") and exits 1; 2 when the store
 * cannot be read.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { openStore } from '../store/store';
import { AuditStore } from './audit-store';

async function main(): Promise<number> {
  // The session secret plays no part here: a stand-in keeps loadConfig from writing one into DATA_DIR.
  const config = loadConfig({ ...process.env, SESSION_SECRET: process.env.SESSION_SECRET ?? 'audit-verify-needs-no-session-secret-0123456789abcdef' });
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'gateway.sqlite'))) {
    console.error(`No gateway store in ${config.dataDir} (gateway.sqlite): set DATA_DIR or DATABASE_URL as the gateway has them`);
    return 2;
  }
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const verdict = await new AuditStore(store).verify();
    if (verdict.ok) {
      console.log(`ok: ${verdict.checked} records verified`);
      return 0;
    }
    console.log(`record ${verdict.first_bad_auditid} was ${verdict.first_bad_why} (${verdict.checked} records before it verified)`);
    return 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
