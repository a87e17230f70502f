import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'lockboard-config-'));

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      plusApiUrl: null,
      sessionMaxHours: 12,
      trustProxy: false,
      pollIntervalMs: 10_000,
      offlineAlertAfterS: 300,
      plusTimezone: 'UTC',
      loginRateLimit: 5,
      auditLog: null,
      auditRetentionDays: 400,
      simulator: true,
      platformPort: 8081,
      redisUrl: null,
      platformQuirks: null,
    });
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      PLUS_API_URL: 'https://plus.example.com/',
      DATA_DIR: dataDir(),
      SESSION_SECRET: 'x'.repeat(32),
      SESSION_MAX_HOURS: '1.5',
      TRUST_PROXY: 'on',
      POLL_INTERVAL_MS: '2500',
      OFFLINE_ALERT_AFTER_S: '60',
      PLUS_TIMEZONE: 'Europe/Berlin',
      LOGIN_RATE_LIMIT: '3',
      AUDIT_LOG: '/tmp/audit.log',
      SIMULATOR: 'off',
      PLATFORM_PORT: '9001',
      REDIS_URL: 'redis://127.0.0.1:6380/2',
      PLATFORM_QUIRKS: 'Vendor',
      DATABASE_URL: 'postgres://lockboard:pw@db.example.com:5432/lockboard',
      NOTIFIER: 'off',
      NOTIFIER_POLL_MS: '2000',
      PLUS_SERVICE_EMAIL: 'notifier@example.com',
      PLUS_SERVICE_PASSWORD: 'service-password',
      SMTP_URL: 'smtp://mail.example.com:587',
      MAIL_FROM: 'Lockboard <locks@example.com>',
      PUBLIC_URL: 'https://locks.example.com/',
      WEBHOOK_ALLOW_HOSTS: '10.1.2.3, 192.168.0.0/16, hooks.internal, [fd00::1]',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://lockboard:pw@db.example.com:5432/lockboard',
      notifier: false,
      notifierPollMs: 2000,
      serviceAccount: { email: 'notifier@example.com', password: 'service-password' },
      smtpUrl: 'smtp://mail.example.com:587',
      mailFrom: 'Lockboard <locks@example.com>',
      publicUrl: 'https://locks.example.com',
      webhookAllowHosts: ['10.1.2.3', '192.168.0.0/16', 'hooks.internal', '[fd00::1]'],
      port: 9000,
      host: '0.0.0.0',
      plusApiUrl: 'https://plus.example.com',
      sessionSecret: 'x'.repeat(32),
      sessionMaxHours: 1.5,
      trustProxy: 1,
      pollIntervalMs: 2500,
      offlineAlertAfterS: 60,
      plusTimezone: 'Europe/Berlin',
      loginRateLimit: 3,
      auditLog: '/tmp/audit.log',
      simulator: false,
      platformPort: 9001,
      redisUrl: 'redis://127.0.0.1:6380/2',
      platformQuirks: 'vendor',
    });
  });

  it.each([
    ['on', 1],
    ['off', false],
    ['2', 2],
    ['10.0.0.1, 192.168.0.0/16', '10.0.0.1,192.168.0.0/16'],
  ])('trusts exactly the proxies TRUST_PROXY=%s names, never every hop', (value, expected) => {
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: value }).trustProxy).toBe(expected);
  });

  it.each([
    ['PORT', 'eighty', /^PORT must be a whole number/],
    ['PORT', '70000', /^PORT must be between 0 and 65535/],
    ['PLUS_API_URL', 'ftp://plus.example.com', /^PLUS_API_URL must be an http\(s\) URL/],
    ['PLUS_API_URL', 'not a url', /^PLUS_API_URL must be an http\(s\) URL/],
    ['SESSION_SECRET', 'short', /^SESSION_SECRET must be at least 32 bytes/],
    ['SESSION_MAX_HOURS', '0', /^SESSION_MAX_HOURS must be more than 0/],
    ['TRUST_PROXY', 'maybe', /^TRUST_PROXY must be on or off/],
    ['TRUST_PROXY', '10.0.0.1, example.com', /^TRUST_PROXY must be on or off/],
    ['POLL_INTERVAL_MS', '10', /^POLL_INTERVAL_MS must be between 500/],
    ['OFFLINE_ALERT_AFTER_S', '-5', /^OFFLINE_ALERT_AFTER_S must be a whole number/],
    ['PLUS_TIMEZONE', 'Mars/Olympus', /^PLUS_TIMEZONE must be an IANA time zone/],
    ['LOGIN_RATE_LIMIT', '0', /^LOGIN_RATE_LIMIT must be between 1/],
    ['AUDIT_RETENTION_DAYS', '0', /^AUDIT_RETENTION_DAYS must be between 1 and 36500 days/],
    ['AUDIT_RETENTION_DAYS', 'forever', /^AUDIT_RETENTION_DAYS must be a whole number of days/],
    ['PLATFORM_PORT', '65536', /^PLATFORM_PORT must be between 0 and 65535/],
    ['REDIS_URL', 'http://127.0.0.1:6379', /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    ['REDIS_URL', 'localhost:6379', /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    ['PLATFORM_QUIRKS', 'sometimes', /^PLATFORM_QUIRKS must be off or vendor/],
    ['SIMULATOR', 'sometimes', /^SIMULATOR must be on or off/],
    ['DATABASE_URL', 'mysql://db/lockboard', /^DATABASE_URL must be a postgres:\/\/ URL/],
    ['DATABASE_URL', 'postgres://127.0.0.1:5432', /^DATABASE_URL must be a postgres:\/\/ URL naming a database/],
    ['NOTIFIER', 'sometimes', /^NOTIFIER must be on or off/],
    ['NOTIFIER_POLL_MS', '5', /^NOTIFIER_POLL_MS must be between 100/],
    ['PLUS_SERVICE_EMAIL', 'notifier@example.com', /PLUS_SERVICE_EMAIL and PLUS_SERVICE_PASSWORD must be set together/],
    ['SMTP_URL', 'http://mail.example.com', /^SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/],
    ['MAIL_FROM', 'not an address', /^MAIL_FROM must be an e-mail address/],
    ['PUBLIC_URL', 'https://user:secret@locks.example.com', /^PUBLIC_URL must be an http\(s\) URL/],
    ['WEBHOOK_ALLOW_HOSTS', '0.0.0.0/0', /^WEBHOOK_ALLOW_HOSTS must be/],
    ['WEBHOOK_ALLOW_HOSTS', '::/0', /^WEBHOOK_ALLOW_HOSTS must be/],
    ['WEBHOOK_ALLOW_HOSTS', '10.0.0.0/33', /^WEBHOOK_ALLOW_HOSTS must be/],
    ['WEBHOOK_ALLOW_HOSTS', 'http://hooks.internal', /^WEBHOOK_ALLOW_HOSTS must be/],
  ])('refuses %s=%s with one line naming the variable', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir(), [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('generates SESSION_SECRET into DATA_DIR once, readable by the owner only, and reuses it', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).sessionSecret;
    const second = loadConfig({ DATA_DIR: dir }).sessionSecret;
    expect(Buffer.byteLength(first)).toBeGreaterThanOrEqual(32);
    expect(second).toBe(first);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(join(dir, 'session-secret')).mode & 0o777).toBe(0o600);
  });

  it('makes DATA_DIR private (0700), also when it existed with looser rights', () => {
    const dir = join(dataDir(), 'nested');
    loadConfig({ DATA_DIR: dir });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    chmodSync(dir, 0o755);
    rmSync(join(dir, 'session-secret'));
    loadConfig({ DATA_DIR: dir });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
