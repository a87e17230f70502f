import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isTimeZone } from '../contract/platform-date';

/** Every setting of DESIGN.md's configuration table, validated. */
export interface Config {
  port: number;
  host: string;
  /** The real platform's `{{host}}`; null = the embedded platform. */
  plusApiUrl: string | null;
  dataDir: string;
  sessionSecret: string;
  sessionMaxHours: number;
  /**
   * Proxies in front of the gateway whose forwarded headers are believed: false (none), a hop count
   * (`on` = 1: only the address the nearest proxy appended), or a list of proxy addresses/CIDRs.
   * Never "every hop": the client writes the leftmost X-Forwarded-For entries itself.
   */
  trustProxy: false | number | string;
  pollIntervalMs: number;
  offlineAlertAfterS: number;
  plusTimezone: string;
  loginRateLimit: number;
  auditLog: string | null;
  /** How long audit records are kept (days); older ones are trimmed from the oldest end. */
  auditRetentionDays: number;
  simulator: boolean;
  /** Where `npm run platform` serves the embedded platform alone. */
  platformPort: number;
  /** Redis shared by several gateway copies, or null (one copy: everything in memory). */
  redisUrl: string | null;
  /** `vendor`: the embedded platform answers like a real vendor host; null: cleanly. */
  platformQuirks: 'vendor' | null;
  /** The gateway's store in PostgreSQL (shared by copies); null = SQLite in DATA_DIR. */
  databaseUrl: string | null;
  /** Whether this copy runs the notifier (one works per deployment: a lease in the store). */
  notifier: boolean;
  notifierPollMs: number;
  /** The platform account the notifier reads with; null = the embedded platform's service account. */
  serviceAccount: { email: string; password: string } | null;
  /** Where mail goes; null = the outbox in the store. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The dashboard's address in messages (no trailing slash). */
  publicUrl: string;
  /** Loopback/private hosts or CIDRs webhooks may reach (all others are refused). */
  webhookAllowHosts: string[];
}

export class ConfigError extends Error {}

const onOff = (name: string) =>
  z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .refine((v) => ['on', 'off', 'true', 'false', '1', '0', 'yes', 'no'].includes(v), `${name} must be on or off`)
    .transform((v) => ['on', 'true', '1', 'yes'].includes(v));

const int = (name: string, min: number, max: number, unit: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be a whole number of ${unit}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max} ${unit}`);

const envSchema = z.object({
  PORT: int('PORT', 0, 65535, 'port').default(8080),
  HOST: z.string().trim().min(1, 'HOST must not be empty').default('127.0.0.1'),
  PLUS_API_URL: z
    .string()
    .trim()
    .refine((v) => {
      try {
        const url = new URL(v);
        return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash;
      } catch {
        return false;
      }
    }, 'PLUS_API_URL must be an http(s) URL such as https://plus.example.com (no query or fragment)')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  DATA_DIR: z.string().trim().min(1, 'DATA_DIR must not be empty').default('./data'),
  SESSION_SECRET: z
    .string()
    .refine((v) => Buffer.byteLength(v) >= 32, 'SESSION_SECRET must be at least 32 bytes long')
    .optional(),
  SESSION_MAX_HOURS: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'SESSION_MAX_HOURS must be a number of hours')
    .transform(Number)
    .refine((n) => n > 0 && n <= 720, 'SESSION_MAX_HOURS must be more than 0 and at most 720')
    .default(12),
  TRUST_PROXY: z
    .string()
    .trim()
    .transform((v, ctx): false | number | string => {
      const word = v.toLowerCase();
      if (['off', 'false', '0', 'no'].includes(word)) return false;
      if (['on', 'true', 'yes'].includes(word)) return 1;
      if (/^[1-9]$/.test(word)) return Number(word);
      const entries = v.split(',').map((e) => e.trim());
      if (entries.every((e) => isIP(e.split('/')[0] ?? '') !== 0 && /^[^/]+(\/\d{1,3})?$/.test(e))) return entries.join(',');
      ctx.addIssue({
        code: 'custom',
        message: 'TRUST_PROXY must be on or off, a number of proxy hops (1-9), or a comma-separated list of proxy addresses',
      });
      return z.NEVER;
    })
    .default(false),
  POLL_INTERVAL_MS: int('POLL_INTERVAL_MS', 500, 3_600_000, 'milliseconds').default(10_000),
  OFFLINE_ALERT_AFTER_S: int('OFFLINE_ALERT_AFTER_S', 0, 86_400, 'seconds').default(300),
  PLUS_TIMEZONE: z
    .string()
    .trim()
    .refine(isTimeZone, 'PLUS_TIMEZONE must be an IANA time zone such as UTC or Europe/Berlin')
    .default('UTC'),
  LOGIN_RATE_LIMIT: int('LOGIN_RATE_LIMIT', 1, 10_000, 'attempts').default(5),
  AUDIT_LOG: z.string().trim().min(1, 'AUDIT_LOG must be a file path').optional(),
  AUDIT_RETENTION_DAYS: int('AUDIT_RETENTION_DAYS', 1, 36_500, 'days').default(400),
  SIMULATOR: onOff('SIMULATOR').default(true),
  PLATFORM_PORT: int('PLATFORM_PORT', 0, 65535, 'port').default(8081),
  REDIS_URL: z
    .string()
    .trim()
    .refine((v) => {
      try {
        const url = new URL(v);
        return (url.protocol === 'redis:' || url.protocol === 'rediss:') && !!url.hostname;
      } catch {
        return false;
      }
    }, 'REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379')
    .optional(),
  PLATFORM_QUIRKS: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ['off', 'vendor'].includes(v), 'PLATFORM_QUIRKS must be off or vendor')
    .transform((v) => (v === 'vendor' ? ('vendor' as const) : null))
    .optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => {
      try {
        const url = new URL(v);
        return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && !!url.pathname.slice(1);
      } catch {
        return false;
      }
    }, 'DATABASE_URL must be a postgres:// URL naming a database, such as postgres://lockboard@127.0.0.1:5432/lockboard')
    .optional(),
  NOTIFIER: onOff('NOTIFIER').default(true),
  NOTIFIER_POLL_MS: int('NOTIFIER_POLL_MS', 100, 600_000, 'milliseconds').default(1000),
  PLUS_SERVICE_EMAIL: z.string().trim().min(1).optional(),
  PLUS_SERVICE_PASSWORD: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .trim()
    .refine((v) => {
      try {
        const url = new URL(v);
        return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && !!url.hostname;
      } catch {
        return false;
      }
    }, 'SMTP_URL must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587')
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^([^<>@\s]+@[^<>@\s]+|[^<>]*<[^<>@\s]+@[^<>@\s]+>)$/, 'MAIL_FROM must be an e-mail address, such as lockboard@example.com or "Lockboard <lockboard@example.com>"')
    .default('lockboard@localhost'),
  PUBLIC_URL: z
    .string()
    .trim()
    .refine((v) => {
      try {
        const url = new URL(v);
        return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash && !url.username && !url.password;
      } catch {
        return false;
      }
    }, 'PUBLIC_URL must be an http(s) URL such as https://locks.example.com (no query, fragment or password: it is in every message)')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  WEBHOOK_ALLOW_HOSTS: z
    .string()
    .transform((v) => v.split(',').map((e) => e.trim()).filter(Boolean))
    .refine((list) => list.every(allowHostEntry), 'WEBHOOK_ALLOW_HOSTS must be a comma-separated list of host names, addresses or CIDRs (at most a /8 or an IPv6 /32: never every address)')
    .optional(),
});

/** A host name, an address, or a CIDR no wider than a /8 (IPv4) or /32 (IPv6): `0.0.0.0/0` would let webhooks reach every internal address. */
function allowHostEntry(entry: string): boolean {
  const [host = '', bits, extra] = entry.replace(/^\[|\](?=\/|$)/g, '').split('/');
  if (extra !== undefined) return false;
  const family = isIP(host);
  if (bits === undefined) return family !== 0 || /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(host);
  if (!/^\d{1,3}$/.test(bits) || family === 0) return false;
  const prefix = Number(bits);
  return family === 4 ? prefix >= 8 && prefix <= 32 : prefix >= 32 && prefix <= 128;
}

/** Empty strings count as unset, so `FOO= npm start` means "use the default". */
function present(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}

/** Reads and validates the environment; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(present(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const message = issue?.message ?? 'invalid';
    throw new ConfigError(message.startsWith(name) ? message : `${name}: ${message}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    plusApiUrl: e.PLUS_API_URL ?? null,
    dataDir,
    sessionSecret: e.SESSION_SECRET ?? generatedSecret(dataDir),
    sessionMaxHours: e.SESSION_MAX_HOURS,
    trustProxy: e.TRUST_PROXY,
    pollIntervalMs: e.POLL_INTERVAL_MS,
    offlineAlertAfterS: e.OFFLINE_ALERT_AFTER_S,
    plusTimezone: e.PLUS_TIMEZONE,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    auditLog: e.AUDIT_LOG ? resolve(e.AUDIT_LOG) : null,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    simulator: e.SIMULATOR,
    platformPort: e.PLATFORM_PORT,
    redisUrl: e.REDIS_URL ?? null,
    platformQuirks: e.PLATFORM_QUIRKS ?? null,
    databaseUrl: e.DATABASE_URL ?? null,
    notifier: e.NOTIFIER,
    notifierPollMs: e.NOTIFIER_POLL_MS,
    serviceAccount: serviceAccount(e.PLUS_SERVICE_EMAIL, e.PLUS_SERVICE_PASSWORD),
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`,
    webhookAllowHosts: e.WEBHOOK_ALLOW_HOSTS ?? [],
  };
}

function serviceAccount(email: string | undefined, password: string | undefined): Config['serviceAccount'] {
  if (!email && !password) return null;
  if (!email || !password) throw new ConfigError('PLUS_SERVICE_EMAIL and PLUS_SERVICE_PASSWORD must be set together');
  return { email, password };
}

/** DATA_DIR holds lock passwords and secrets: readable by its owner only. */
export function ensurePrivateDir(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** SESSION_SECRET unset: generate one into DATA_DIR once (readable by the owner only) and reuse it. */
function generatedSecret(dataDir: string): string {
  const file = resolve(dataDir, 'session-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (Buffer.byteLength(secret) >= 32) return secret;
  }
  ensurePrivateDir(dataDir);
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
