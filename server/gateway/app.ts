import compress from '@fastify/compress';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { AppConfig } from '../../contract/app-config';
import type { Config } from '../config';
import rateLimit from '@fastify/rate-limit';
import type { DestinationStream } from 'pino';
import { accessControl } from './access';
import { type AuditLog, createAuditLog } from './audit-log';
import { auditRoutes } from './audit/audit-routes';
import { AuditStore } from '../audit/audit-store';
import { startRetention } from '../audit/retention';
import { authRoutes } from './auth-routes';
import { Capabilities } from './capabilities';
import { clientErrorHandler, refuseConnect, requestTimeoutOptions, routeRefusedTargets } from '../http-edge';
import { installErrorHandler } from './errors';
import { bulkCommandRoutes } from './bulk-commands';
import { eventsExportRoute } from './events-export';
import { PersonMail } from '../delivery/person-mail';
import { importRoute } from './people/import-route';
import { peopleExportRoute } from './people/people-export';
import { forecastExportRoute } from './reports/forecast-export';
import { sendCodeRoutes } from './people/send-code';
import { auditProxiedChange, grantRoutes } from './grant-routes';
import { lockCommandRoutes } from './lock-commands';
import { passwordRoute } from './password-route';
import { RevealLimit } from './reveal-limit';
import { RoleCheck } from './role-check';
import { BROTLI_OPTIONS, COMPRESS_THRESHOLD_BYTES, endRejectedSession, proxyPlugin } from './proxy';
import { ROUTES } from './route-table';
import { securityHeaders } from './security-headers';
import { activeSession, sessionPlugin } from './session';
import { appConfigFor, statusRoutes } from './status-routes';
import { SessionDenyList } from './session-deny-list';
import { SharedState } from './shared-state';
import { requestLimitStore } from './request-limit-store';
import { spaPlugin } from './spa';
import { stopPromptly } from '../stop-promptly';
import { Upstream } from './upstream';
import type { NotifierStatus } from '../../contract/team-alerts';
import type { Store } from '../store/store';
import { openTeamAlerts } from '../team-alerts';
import type { Notifier } from '../notifier/notifier';
import { teamAlertsRoutes } from './team-alerts';
import type { TeamAlertsMessenger } from './team-alerts/services';

export interface GatewayOptions {
  config: Config;
  /** The upstream platform: PLUS_API_URL, or the embedded platform's loopback URL. */
  upstreamUrl: string;
  mode: AppConfig['mode'];
  /** Folder of the built SPA (dist/); null serves the API only. */
  spaDir: string | null;
  /** 10 s unless a test wants a faster "slow upstream". */
  upstreamTimeoutMs?: number;
  /** How long a client may take to send a request; 30 s unless a test wants a faster one. */
  requestTimeoutMs?: number;
  /** Requests per session per minute (1200) unless a test wants a lower limit. */
  requestsPerMinute?: number;
  /** How long a browser may leave an export unread before it ends; 30 s unless a test wants a faster one. */
  exportWriteTimeoutMs?: number;
  /**
   * How long a server render waits for its data (300 ms unless set): end-to-end tests on a busy
   * machine give it more, so that they check what is rendered, not how fast (bench/ measures that).
   */
  ssrBudgetMs?: number;
  /** Fastify's request log: off, on (stdout), or into a stream (tests read what would be logged). */
  logger?: boolean | { level: string; stream: DestinationStream };
  /** Where audit lines go besides AUDIT_LOG (stdout by default; tests capture them). */
  auditStream?: DestinationStream;
  /**
   * The platform account the notifier reads with when PLUS_SERVICE_EMAIL is unset: the embedded
   * platform's service account. Null or absent: the notifier says it has none.
   */
  serviceAccount?: { email: string; password: string } | null;
  /**
   * The team alerts' store, delivery and notifier, handed in (tests). Without it the gateway opens
   * its store (DATABASE_URL or DATA_DIR) and runs the sender and notifier itself (server/team-alerts.ts).
   */
  /** How long the platform's answer about a session's role is trusted (60 s; tests use less). */
  roleCheckTtlMs?: number;
  teamAlerts?: {
    store: Store;
    messenger: TeamAlertsMessenger;
    notifierStatus(): Promise<NotifierStatus>;
  };
}

export interface Gateway {
  app: FastifyInstance;
  shared: SharedState;
  capabilities: Capabilities;
  upstream: Upstream;
  audit: AuditLog;
  /** The audit trail in the gateway's store. */
  auditStore: AuditStore;
  /** The gateway's own store (team alerts, the audit trail). */
  store: Store;
  /** This copy's notifier (null when handed-in services or NOTIFIER=off). */
  notifier: Notifier | null;
}

/** A generous ceiling per session: a dashboard polling several views stays far below it. */
const REQUESTS_PER_SESSION_PER_MINUTE = 1200;

const BODY_LIMIT_BYTES = 16 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;

/** Fastify's form of TRUST_PROXY: a hop count becomes "trust the nearest N hops", never all of them. */
function trustedProxies(setting: Config['trustProxy']) {
  if (setting === false) return false;
  if (typeof setting === 'number') return (_address: string, hop: number) => hop < setting;
  return setting;
}

/**
 * The route table and the routes are the same set: a row without a handler, or an /api route
 * registered around the table (without its row, so without its access rule), fails at start.
 */
function watchApiRoutes(app: FastifyInstance) {
  const outsideTable: string[] = [];
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api') && !route.config?.gatewayRoute) outsideTable.push(`${String(route.method)} ${route.url}`);
  });
  return () => {
    const missing = ROUTES.filter((route) => !app.hasRoute({ method: route.method, url: route.path }));
    if (missing.length) throw new Error(`no handler for ${missing.map((r) => `${r.method} ${r.path}`).join(', ')}`);
    if (outsideTable.length) throw new Error(`routes outside the gateway's route table: ${outsideTable.join(', ')}`);
  };
}

/** The Fastify instance with the gateway's edge rules: what it parses, how long a request may take, what it logs. */
function createApp(options: GatewayOptions): FastifyInstance {
  return Fastify({
    logger: options.logger ?? false,
    trustProxy: trustedProxies(options.config.trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    // Non-canonical targets are refused before routing (access.ts), never decoded into a route.
    rewriteUrl: routeRefusedTargets,
    // A request (headers and body) must arrive within this; a trickled body is cut off with 408.
    ...requestTimeoutOptions(options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS),
    clientErrorHandler,
    // Every poll would log two lines; the audit log records what matters.
    logController: new LogController({ disableRequestLogging: true }),
  });
}

type TeamAlertsServices = NonNullable<GatewayOptions['teamAlerts']>;

/**
 * The gateway's store with its team alerts (handed in, or opened and run here: started once the
 * gateway is ready, stopped before the upstream closes) and the audit log that appends to it.
 */
async function openStores(app: FastifyInstance, options: GatewayOptions) {
  const deployment = options.teamAlerts
    ? null
    : await openTeamAlerts(options.config, { upstreamUrl: options.upstreamUrl, serviceAccount: options.serviceAccount ?? null, log: app.log });
  const teamAlerts: TeamAlertsServices | null = options.teamAlerts ?? deployment;
  if (!teamAlerts) throw new Error('no team alerts');
  // One store for both: every audit record is appended to its hash chain before the answer goes.
  const auditStore = new AuditStore(teamAlerts.store);
  const audit = createAuditLog({ file: options.config.auditLog, stream: options.auditStream, store: auditStore });
  if (deployment) {
    app.addHook('onReady', async () => deployment.start());
    // Stopped before the upstream closes (preClose): a pass under way ends with its transaction.
    app.addHook('preClose', () => deployment.close());
  }
  return { teamAlerts, auditStore, audit, notifier: deployment?.notifier ?? null };
}

/** Connections, errors, body types, security headers and compression: what every answer goes through. */
async function installEdge(app: FastifyInstance, options: GatewayOptions, upstream: Upstream) {
  app.server.on('connect', refuseConnect);
  stopPromptly(app);
  // The gateway's own upstream requests under way end as it stops (the proxy's end with their connections).
  app.addHook('preClose', async () => upstream.close());
  installErrorHandler(app);
  // JSON only: a text/plain body (what an HTML form can send) is never parsed.
  app.removeContentTypeParser('text/plain');
  await securityHeaders(app, { imageOrigins: options.mode === 'proxy' ? [upstream.origin] : [] });
  // Proxied JSON carries an ETag of its plain body (proxy/etag.ts), so an unchanged poll is a 304.
  await app.register(compress, {
    globalDecompression: false,
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: BROTLI_OPTIONS,
  });
}

/** Sessions, the request limits and the access check every table route goes through. */
async function installSessions(app: FastifyInstance, options: GatewayOptions, deps: { upstream: Upstream; shared: SharedState; audit: AuditLog }) {
  const { config } = options;
  await sessionPlugin(app, {
    secret: config.sessionSecret,
    maxHours: config.sessionMaxHours,
    secureCookies: config.trustProxy !== false,
    denyList: new SessionDenyList(deps.shared),
  });
  await app.register(rateLimit, { global: false, store: requestLimitStore(deps.shared) });
  const roleCheck = new RoleCheck(deps.upstream, deps.shared, deps.audit, options.roleCheckTtlMs);
  return accessControl(app, {
    audit: deps.audit,
    upstream: deps.upstream,
    requestsPerMinute: options.requestsPerMinute ?? REQUESTS_PER_SESSION_PER_MINUTE,
    roleCheck,
  });
}

interface ApiDeps {
  upstream: Upstream;
  shared: SharedState;
  capabilities: Capabilities;
  audit: AuditLog;
  auditStore: AuditStore;
  teamAlerts: TeamAlertsServices;
}

/** The table's /api routes: the gateway's own handlers, then the proxy for every other row. */
async function apiRoutes(app: FastifyInstance, options: GatewayOptions, deps: ApiDeps) {
  const { config } = options;
  const { upstream, shared, capabilities, audit } = deps;
  const reveals = new RevealLimit({
    shared,
    audit,
    alerts: { store: deps.teamAlerts.store, messenger: deps.teamAlerts.messenger },
    warn: (msg) => app.log.warn(msg),
  });
  await authRoutes(app, { upstream, capabilities, audit, loginRateLimit: config.loginRateLimit, sessionMaxHours: config.sessionMaxHours, shared });
  await passwordRoute(app, { upstream, audit, reveals });
  await lockCommandRoutes(app, { upstream, audit });
  await bulkCommandRoutes(app, { upstream, audit });
  await eventsExportRoute(app, { upstream, audit, platformTimeZone: config.plusTimezone, shared, writeTimeoutMs: options.exportWriteTimeoutMs });
  await grantRoutes(app, { upstream, audit, reveals });
  // Codes go through the team alerts' mail channel: SMTP_URL, else the store's outbox.
  const mail = new PersonMail({ db: deps.teamAlerts.store.db, smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, publicUrl: config.publicUrl });
  app.addHook('onClose', async () => mail.close());
  await sendCodeRoutes(app, { upstream, audit, mail, publicUrl: config.publicUrl, platformTimeZone: config.plusTimezone });
  await importRoute(app, { upstream, audit });
  await peopleExportRoute(app, { upstream, audit, shared });
  await forecastExportRoute(app, { upstream, shared, writeTimeoutMs: options.exportWriteTimeoutMs });
  await teamAlertsRoutes(app, { services: deps.teamAlerts, audit, webhookAllowHosts: config.webhookAllowHosts });
  await auditRoutes(app, { store: deps.auditStore, audit, shared });
  await app.register(proxyPlugin, {
    upstream,
    tokenFor: (request) => {
      const session = activeSession(request);
      if (session) capabilities.refreshIfStale(session.token);
      return session?.token ?? null;
    },
    // The platform no longer accepts this session's token: the session ends here too (and so in a server render).
    onSignedOut: endRejectedSession,
    // Revoking a grant and offboarding a person are proxied as they are, and audited.
    onAudited: (request, route, outcome) => auditProxiedChange(audit, request, route, outcome),
  });
}

/** Discovers the upstream's features once ready and every few minutes; keeps the audit trail's retention. */
function runInBackground(app: FastifyInstance, options: GatewayOptions, deps: { capabilities: Capabilities; auditStore: AuditStore; audit: AuditLog }) {
  let retention: { stop(): void } | null = null;
  app.addHook('onReady', async () => {
    retention = startRetention(deps.auditStore, options.config.auditRetentionDays, app.log);
    await deps.capabilities.refresh();
    deps.capabilities.start();
  });
  app.addHook('onClose', async () => {
    retention?.stop();
    deps.capabilities.stop();
    deps.audit.flush();
  });
}

export async function buildGateway(options: GatewayOptions): Promise<Gateway> {
  const app = createApp(options);
  const upstream = new Upstream(options.upstreamUrl, options.upstreamTimeoutMs ?? 10_000);
  const shared = SharedState.connect(options.config.redisUrl, app.log);
  const capabilities = new Capabilities(upstream, app.log, shared);
  const { teamAlerts, auditStore, audit, notifier } = await openStores(app, options);

  const checkApiRoutes = watchApiRoutes(app);
  await installEdge(app, options, upstream);
  app.addHook('onClose', () => shared.close());
  const access = await installSessions(app, options, { upstream, shared, audit });

  const appConfig = appConfigFor(options, upstream, capabilities);
  statusRoutes(app, { appConfig, upstream, shared, mode: options.mode, notifierStatus: () => teamAlerts.notifierStatus() });
  await apiRoutes(app, options, { upstream, shared, capabilities, audit, auditStore, teamAlerts });
  await app.register(spaPlugin, {
    root: options.spaDir,
    // A render's platform reads count against the session's request limit and end a rejected session, as /api requests do.
    ssr: { upstream, appConfig, session: (request) => activeSession(request), countRead: access.countRequest, onSignedOut: (request) => endRejectedSession(request), budgetMs: options.ssrBudgetMs },
  });
  checkApiRoutes();
  runInBackground(app, options, { capabilities, auditStore, audit });

  return { app, shared, capabilities, upstream, audit, auditStore, store: teamAlerts.store, notifier };
}
