import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../contract/app-config';
import type { Config } from '../config';
import type { NotifierStatus } from '../../contract/team-alerts';
import type { Capabilities } from './capabilities';
import { activeSession } from './session';
import type { SharedState } from './shared-state';
import { type Upstream, upstreamFailureMessage } from './upstream';

/** What `/app-config.json` answers a request: the settings the SPA needs and the upstream's features. */
export function appConfigFor(options: { config: Config; mode: AppConfig['mode'] }, upstream: Upstream, capabilities: Capabilities) {
  const { config } = options;
  return async (request: FastifyRequest): Promise<AppConfig> => {
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
}

interface StatusDeps {
  appConfig: (request: FastifyRequest) => Promise<AppConfig>;
  upstream: Upstream;
  shared: SharedState;
  mode: AppConfig['mode'];
  notifierStatus(): Promise<NotifierStatus>;
}

/** `/healthz`'s sentence: the platform first, then Redis. */
function healthMessage(reachable: boolean, failing: ReturnType<Upstream['health']['failing']>, redis: SharedState['status'], timeoutMs: number): string {
  if (!reachable) return 'The Plus Platform cannot be reached';
  if (failing) return `The Plus Platform answers, but its last answers failed: ${upstreamFailureMessage(failing.kind, timeoutMs)}`;
  return redis === 'down' ? 'ok, but Redis is down: this copy uses its own limits' : 'ok';
}

/** `/app-config.json` and `/healthz`: outside the /api route table, open to anyone. */
export function statusRoutes(app: FastifyInstance, deps: StatusDeps): void {
  const { upstream, shared } = deps;
  app.get('/app-config.json', async (request, reply) => {
    const body = await deps.appConfig(request);
    reply.header('cache-control', 'no-cache');
    return body;
  });

  app.get('/healthz', async (_request, reply) => {
    const reachable = await upstream.ping();
    reply.header('cache-control', 'no-store');
    const redis = shared.status;
    // Reachable (it answers HTTP) but its answers fail (garbage, timeouts): say so, and how.
    const failing = reachable ? upstream.health.failing() : null;
    // Without Redis the copy still serves (its own limits and deny list): healthy, and it says so.
    return reply.code(reachable ? 200 : 503).send({
      status: reachable && !failing ? 1 : 0,
      msg: healthMessage(reachable, failing, redis, upstream.timeoutMs),
      gateway: 'up',
      upstream: !reachable ? 'unreachable' : failing ? 'failing' : 'reachable',
      ...(failing ? { upstreamFailure: { kind: failing.kind, at: new Date(failing.at).toISOString() } } : {}),
      redis,
      mode: deps.mode,
      // Alerts by e-mail and webhook: whether anyone is watching (the rest works either way).
      notifier: await deps.notifierStatus().catch((error: unknown) => ({
        state: 'unavailable' as const,
        msg: `The gateway's store cannot be read: ${String(error)}`,
        last_poll_date: null,
      })),
    });
  });
}
