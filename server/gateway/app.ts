import compress from '@fastify/compress';
import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
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
import { auditProxiedChange, grantRoutes } from './grant-routes';
import { lockCommandRoutes } from './lock-commands';
import { passwordRoute } from './password-route';
import { RevealLimit } from './reveal-limit';
import { RoleCheck } from './role-check';
import { BROTLI_OPTIONS, COMPRESS_THRESHOLD_BYTES, endRejectedSession, proxyPlugin } from './proxy';
import { ROUTES } from './route-table';
import { securityHeaders } from './security-headers';
import { activeSession, sessionPlugin } from './session';
import { SessionDenyList } from './session-deny-list';
import { SharedState } from './shared-state';
import { requestLimitStore } from './request-limit-store';
import { spaPlugin } from './spa';
import { stopPromptly } from '../stop-promptly';
import { Upstream, upstreamFailureMessage } from './upstream';
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
  logger?: boolean;
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

export async function buildGateway(options: GatewayOptions): Promise<Gateway> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: trustedProxies(config.trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    // Non-canonical targets are refused before routing (access.ts), never decoded into a route.
    rewriteUrl: routeRefusedTargets,
    // A request (headers and body) must arrive within this; a trickled body is cut off with 408.
    ...requestTimeoutOptions(options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS),
    clientErrorHandler,
    // Every poll would log two lines; the audit log records what matters.
    logController: new LogController({ disableRequestLogging: true }),
  });
  const upstream = new Upstream(options.upstreamUrl, options.upstreamTimeoutMs ?? 10_000);
  const shared = SharedState.connect(config.redisUrl, app.log);
  const capabilities = new Capabilities(upstream, app.log, shared);
  const deployment = options.teamAlerts
    ? null
    : await openTeamAlerts(config, { upstreamUrl: options.upstreamUrl, serviceAccount: options.serviceAccount ?? null, log: app.log });
  const teamAlerts = options.teamAlerts ?? deployment;
  if (!teamAlerts) throw new Error('no team alerts');
  // One store for both: every audit record is appended to its hash chain before the answer goes.
  const auditStore = new AuditStore(teamAlerts.store);
  const audit = createAuditLog({ file: config.auditLog, stream: options.auditStream, store: auditStore });
  if (deployment) {
    app.addHook('onReady', async () => deployment.start());
    // Stopped before the upstream closes (preClose): a pass under way ends with its transaction.
    app.addHook('preClose', () => deployment.close());
  }

  app.server.on('connect', refuseConnect);
  stopPromptly(app);
  // The gateway's own upstream requests under way end as it stops (the proxy's end with their connections).
  app.addHook('preClose', async () => upstream.close());
  const checkApiRoutes = watchApiRoutes(app);
  installErrorHandler(app);
  // JSON only: a text/plain body (what an HTML form can send) is never parsed.
  app.removeContentTypeParser('text/plain');
  await securityHeaders(app, { imageOrigins: options.mode === 'proxy' ? [upstream.origin] : [] });
  // Proxied JSON carries an ETag of its plain body (proxy.ts), so an unchanged poll is a 304.
  await app.register(compress, {
    globalDecompression: false,
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: BROTLI_OPTIONS,
  });

  app.addHook('onClose', () => shared.close());
  await sessionPlugin(app, {
    secret: config.sessionSecret,
    maxHours: config.sessionMaxHours,
    secureCookies: config.trustProxy !== false,
    denyList: new SessionDenyList(shared),
  });
  await app.register(rateLimit, { global: false, store: requestLimitStore(shared) });
  const roleCheck = new RoleCheck(upstream, shared, audit, options.roleCheckTtlMs);
  const access = await accessControl(app, {
    audit,
    upstream,
    requestsPerMinute: options.requestsPerMinute ?? REQUESTS_PER_SESSION_PER_MINUTE,
    roleCheck,
  });
  const reveals = new RevealLimit({
    shared,
    audit,
    alerts: { store: teamAlerts.store, messenger: teamAlerts.messenger },
    warn: (msg) => app.log.warn(msg),
  });

  const appConfigFor = async (request: FastifyRequest): Promise<AppConfig> => {
    // A session signed in through another copy of the gateway teaches this copy the features.
    const session = activeSession(request);
    if (session) await capabilities.discoverWith(session.token);
    return {
      mode: options.mode,
      pollIntervalMs: config.pollIntervalMs,
      offlineAlertAfterS: config.offlineAlertAfterS,
      timezone: config.plusTimezone,
      upstreamOrigin: options.mode === 'proxy' ? upstream.origin : null,
      features: capabilities.features,
    };
  };
  app.get('/app-config.json', async (request, reply) => {
    const body = await appConfigFor(request);
    reply.header('cache-control', 'no-cache');
    return body;
  });

  app.get('/healthz', async (_request, reply) => {
    const reachable = await upstream.ping();
    reply.header('cache-control', 'no-store');
    const redis = shared.status;
    // Reachable (it answers HTTP) but its answers fail (garbage, timeouts): say so, and how.
    const failing = reachable ? upstream.health.failing() : null;
    const msg = !reachable
      ? 'The Plus Platform cannot be reached'
      : failing
        ? `The Plus Platform answers, but its last answers failed: ${upstreamFailureMessage(failing.kind, upstream.timeoutMs)}`
        : redis === 'down'
          ? 'ok, but Redis is down: this copy uses its own limits'
          : 'ok';
    // Without Redis the copy still serves (its own limits and deny list): healthy, and it says so.
    return reply.code(reachable ? 200 : 503).send({
      status: reachable && !failing ? 1 : 0,
      msg,
      gateway: 'up',
      upstream: !reachable ? 'unreachable' : failing ? 'failing' : 'reachable',
      ...(failing ? { upstreamFailure: { kind: failing.kind, at: new Date(failing.at).toISOString() } } : {}),
      redis,
      mode: options.mode,
      // Alerts by e-mail and webhook: whether anyone is watching (the rest works either way).
      notifier: await teamAlerts.notifierStatus().catch((error: unknown) => ({
        state: 'unavailable' as const,
        msg: `The gateway's store cannot be read: ${String(error)}`,
        last_poll_date: null,
      })),
    });
  });

  await authRoutes(app, {
    upstream,
    capabilities,
    audit,
    loginRateLimit: config.loginRateLimit,
    sessionMaxHours: config.sessionMaxHours,
    shared,
  });
  await passwordRoute(app, { upstream, audit, reveals });
  await lockCommandRoutes(app, { upstream, audit });
  await bulkCommandRoutes(app, { upstream, audit });
  await eventsExportRoute(app, { upstream, audit, platformTimeZone: config.plusTimezone, shared, writeTimeoutMs: options.exportWriteTimeoutMs });
  await grantRoutes(app, { upstream, audit, reveals });
  await teamAlertsRoutes(app, { services: teamAlerts, audit, webhookAllowHosts: config.webhookAllowHosts });
  await auditRoutes(app, { store: auditStore, audit, shared });
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
  await app.register(spaPlugin, {
    root: options.spaDir,
    // A render's platform reads count against the session's request limit and end a rejected session, as /api requests do.
    ssr: { upstream, appConfig: appConfigFor, session: (request) => activeSession(request), countRead: access.countRequest, onSignedOut: (request) => endRejectedSession(request), budgetMs: options.ssrBudgetMs },
  });
  checkApiRoutes();

  let retention: { stop(): void } | null = null;
  app.addHook('onReady', async () => {
    retention = startRetention(auditStore, config.auditRetentionDays, app.log);
    await capabilities.refresh();
    capabilities.start();
  });
  app.addHook('onClose', async () => {
    retention?.stop();
    capabilities.stop();
    audit.flush();
  });

  return { app, shared, capabilities, upstream, audit, auditStore, store: teamAlerts.store, notifier: deployment?.notifier ?? null };
}
