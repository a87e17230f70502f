import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LOCK_COMMANDS, type LockCommand, MAX_PAGE_SIZE } from '../../contract/constants';
import { describeIssues } from '../../contract/envelope';
import { unlockBodySchema } from '../../contract/locks';
import { ACCESS_MESSAGES, deny } from './access';
import { type AuditLog, auditUser } from './audit-log';
import { type BulkOutcome, describeBulkTally, tallyOutcomes } from '../../contract/bulk-summary';
import { type GatewayRoute, findRoute, gatewayRoute, upstreamPath, upstreamRead } from './route-table';
import { activeSession, endSession } from './session';
import { stripSecrets } from './strip-secrets';
import { ListPager, countOf } from './list-pager';
import { type Upstream, UpstreamError, isSuccess, upstreamMessage } from './upstream';

/** At most this many locks a request, `all: true` included: a larger lockdown is sent in batches. */
export const MAX_BULK_LOCKS = 1000;
/** Single-lock commands in flight at once, per bulk request. */
export const BULK_CONCURRENCY = 8;
/** How long one lock's command may take before it counts as `timeout` (never longer than the upstream timeout). */
export const BULK_LOCK_TIMEOUT_MS = 8_000;

const TOO_MANY = `at most ${MAX_BULK_LOCKS.toLocaleString('en-US')} locks a request: send larger sets in batches of lockids`;

const bulkBodySchema = z
  .strictObject({
    action: z.enum(LOCK_COMMANDS, { error: 'action must be "lock" or "unlock"' }),
    lockids: z
      .array(z.string({ error: 'each lockid must be a string' }), { error: 'lockids must be a list of lockids' })
      .min(1, 'lockids must name at least one lock')
      .max(MAX_BULK_LOCKS, TOO_MANY)
      .optional(),
    groupid: z
      .number({ error: 'groupid must be a positive whole number' })
      .int('groupid must be a positive whole number')
      .positive('groupid must be a positive whole number')
      .max(999_999_999_999, 'groupid must be a positive whole number')
      .optional(),
    all: z.literal(true, { error: 'all must be true when given' }).optional(),
    // A timed unlock, per lock as the single command (DESIGN's `duration_s`: the platform relocks by itself).
    duration_s: unlockBodySchema.shape.duration_s,
  })
  .refine((body) => [body.lockids, body.groupid, body.all].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of lockids, groupid or all',
  })
  .refine((body) => body.duration_s === undefined || body.action === 'unlock', {
    message: 'only an unlock can have a duration',
    path: ['duration_s'],
  });
type BulkBody = z.infer<typeof bulkBodySchema>;

export type { BulkOutcome };

export interface BulkResult {
  lockid: string;
  lockname: string | null;
  status: 0 | 1;
  outcome: BulkOutcome;
  msg: string;
}

interface Target {
  lockid: string;
  lockname: string | null;
  path: string;
}

type Listing = { kind: 'ok'; locks: { lockid: string; lockname: string | null }[] } | { kind: 'unauthorized' } | { kind: 'refused'; status: number; msg: string };

/**
 * Every lock of the fleet, or of one group, from the documented list call, page by page until the
 * host's list ends (list-pager.ts: fewer rows than asked, odd totals, repeated rows). More than
 * MAX_BULK_LOCKS is refused before any command.
 */
async function listLocks(upstream: Upstream, route: GatewayRoute, token: string, groupid: number | undefined): Promise<Listing> {
  const pager = new ListPager<unknown>(MAX_PAGE_SIZE, (row) => lockidOf(row));
  const locks: { lockid: string; lockname: string | null }[] = [];
  const tooMany: Listing = {
    kind: 'refused',
    status: 400,
    msg: `${groupid === undefined ? 'The fleet' : 'This group'} has more than ${MAX_BULK_LOCKS.toLocaleString('en-US')} locks: send the command in batches of lockids`,
  };
  for (;;) {
    const query = { pagenumber: String(pager.nextPage), limit: String(MAX_PAGE_SIZE), ...(groupid === undefined ? {} : { groupid: String(groupid) }) };
    const { status, body, signedOut } = await upstream.request(upstreamRead(route, '/api/locks', query), { token });
    if (signedOut) return { kind: 'unauthorized' };
    if (status !== 200 || !isSuccess(body)) return { kind: 'refused', status: 502, msg: upstreamMessage(body) || 'The Plus Platform refused the list of locks' };
    const list = Array.isArray(body.lockslist) ? (body.lockslist as unknown[]) : [];
    const total = countOf(body.totalCount);
    if (total !== null && total > MAX_BULK_LOCKS) return tooMany;
    for (const row of list) {
      const lock = (typeof row === 'object' && row !== null ? row : {}) as Record<string, unknown>;
      if (typeof lock.lockid !== 'string') return { kind: 'refused', status: 502, msg: 'The Plus Platform sent a lock without a lockid' };
      // A host that ignores `groupid` would answer the whole fleet: a group's command must never reach it.
      if (groupid !== undefined && !inGroup(lock, groupid)) {
        return { kind: 'refused', status: 502, msg: 'The Plus Platform did not filter the locks by group: no command was sent' };
      }
    }
    const { fresh, more } = pager.take(body, list);
    for (const row of fresh) {
      const lock = row as Record<string, unknown>;
      locks.push({ lockid: lock.lockid as string, lockname: typeof lock.lockname === 'string' ? lock.lockname : null });
    }
    if (locks.length > MAX_BULK_LOCKS) return tooMany;
    if (!more) return { kind: 'ok', locks };
  }
}

function lockidOf(row: unknown): string | null {
  const lockid = typeof row === 'object' && row !== null ? (row as { lockid?: unknown }).lockid : undefined;
  return typeof lockid === 'string' ? lockid : null;
}

function inGroup(lock: Record<string, unknown>, groupid: number): boolean {
  const groups = lock.lockgroups;
  return Array.isArray(groups) && groups.some((g) => typeof g === 'object' && g !== null && Number((g as { groupid?: unknown }).groupid) === groupid);
}

/** Runs `work` over `items`, at most `limit` at once, stopping to take new items once `stop()` says so. */
async function fanOut<T>(items: readonly T[], limit: number, stop: () => boolean, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const PAST: Record<LockCommand, string> = { lock: 'locked', unlock: 'unlocked' };

/** For the audit: " (relocks after 300 s)" on a timed unlock. */
function relockNote(body: BulkBody): string {
  return body.duration_s === undefined ? '' : ` (relocks after ${body.duration_s} s)`;
}

function describeTarget(body: BulkBody): string {
  const relock = relockNote(body);
  if (body.lockids) return `${body.lockids.length} lockids${relock}`;
  if (body.groupid !== undefined) return `group ${body.groupid}${relock}`;
  return `all locks${relock}`;
}

/** Why a bulk request is answered with an error: `audited` is recorded as the request's failure, when given. */
interface Refusal {
  status: number;
  msg: string;
  audited?: string;
  endsSession?: true;
}

type NamedLock = { lockid: string; lockname: string | null };

/** The locks a request names: its lockids (each once), or those the list call gives for a group or the fleet. */
async function locksOf(upstream: Upstream, route: GatewayRoute, token: string, body: BulkBody): Promise<NamedLock[] | Refusal> {
  if (body.lockids) return [...new Set(body.lockids)].map((lockid) => ({ lockid, lockname: null }));
  let listing: Listing;
  try {
    listing = await listLocks(upstream, route, token, body.groupid);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return { status: 502, msg: error.message, audited: error.message };
  }
  if (listing.kind === 'unauthorized') return { status: 401, msg: ACCESS_MESSAGES.ended, audited: 'session rejected by the platform', endsSession: true };
  if (listing.kind === 'refused') return { status: listing.status, msg: listing.msg, audited: listing.msg };
  return listing.locks;
}

/** Every lockid checked and re-encoded by the table's rule before anything goes upstream. */
function targetsOf(commandRow: GatewayRoute, body: BulkBody, locks: readonly NamedLock[]): Target[] | Refusal {
  const targets: Target[] = [];
  for (const [index, lock] of locks.entries()) {
    const path = upstreamPath(commandRow, { lockid: lock.lockid });
    if (!path.ok) {
      const where = body.lockids ? `lockids.${body.lockids.indexOf(lock.lockid)}` : `lock ${index + 1} of the list`;
      return { status: body.lockids ? 400 : 502, msg: `${where}: ${path.msg}` };
    }
    targets.push({ ...lock, path: path.path });
  }
  return targets;
}

interface CommandRun {
  upstream: Upstream;
  token: string;
  body: BulkBody;
  perLockTimeoutMs: number;
  /** Audits one lock's command. */
  recordLock: (target: Target, result: 'ok' | 'failed', detail: string) => Promise<void>;
}

/** One lock's command upstream, settled as its outcome; 'signed-out' when the platform rejected the session. */
async function sendOne(run: CommandRun, target: Target): Promise<BulkResult | 'signed-out'> {
  const { body } = run;
  const settle = async (outcome: BulkOutcome, msg: string, lockname = target.lockname): Promise<BulkResult> => {
    await run.recordLock({ ...target, lockname }, outcome === 'done' ? 'ok' : 'failed', `${outcome}: ${msg}`);
    return { lockid: target.lockid, lockname, status: outcome === 'done' ? 1 : 0, outcome, msg };
  };
  let answer;
  try {
    answer = await run.upstream.request(target.path, {
      method: 'POST',
      token: run.token,
      timeoutMs: run.perLockTimeoutMs,
      body: body.duration_s === undefined ? undefined : { duration_s: body.duration_s },
    });
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return settle(error.kind === 'slow' ? 'timeout' : 'failed', error.message);
  }
  const msg = upstreamMessage(answer.body);
  if (answer.signedOut) return 'signed-out';
  const lock = isSuccess(answer.body) ? (answer.body.lock as { lockname?: unknown } | undefined) : undefined;
  const lockname = typeof lock?.lockname === 'string' ? lock.lockname : target.lockname;
  if (answer.status === 200 && isSuccess(answer.body)) return settle('done', msg || PAST[body.action], lockname);
  if (answer.status === 409) return settle('offline', msg || 'The lock is offline');
  // A lock a lockdown holds refuses the command: failed, said so, never taken for offline (nor sent again).
  if (answer.status === 423) return settle('failed', /lockdown/i.test(msg) ? msg : msg ? `in lockdown: ${msg}` : 'in lockdown');
  return settle('failed', msg || `HTTP ${answer.status}`);
}

/** Every target's command, BULK_CONCURRENCY at once, until the platform rejects the session. Results in the targets' order. */
async function sendCommands(run: CommandRun, targets: readonly Target[]): Promise<{ answered: BulkResult[]; sessionRejected: boolean }> {
  const results = new Map<string, BulkResult>();
  let sessionRejected = false;
  await fanOut(targets, BULK_CONCURRENCY, () => sessionRejected, async (target) => {
    const result = await sendOne(run, target);
    if (result === 'signed-out') {
      sessionRejected = true;
      await run.recordLock(target, 'failed', 'session rejected by the platform');
    } else {
      results.set(target.lockid, result);
    }
  });
  return { answered: targets.flatMap((t) => results.get(t.lockid) ?? []), sessionRejected };
}

/** The answer's `msg`: contract/bulk-summary's wording, the time-outs said apart. */
function bulkMessage(action: LockCommand, answered: readonly BulkResult[]): string {
  if (answered.length === 0) return `No locks to ${action}`;
  const timedOut = answered.filter((r) => r.outcome === 'timeout').length;
  return describeBulkTally(action, { ...tallyOutcomes(answered), timedOut });
}

/** The table's row for each single-lock command, whose path rule every lockid goes through. */
function commandRows(): Record<LockCommand, GatewayRoute> {
  return Object.fromEntries(LOCK_COMMANDS.map((command) => [command, findRoute('POST', `/api/locks/:lockid/${command}`)])) as Record<LockCommand, GatewayRoute>;
}

/**
 * `POST /api/commands`, gateway-owned (DESIGN.md): one action for many locks, fanned out as the
 * single-lock upstream commands with bounded concurrency and a per-lock timeout, always one JSON
 * answer with each lock's outcome. Every lock's command is audited, and the bulk request once.
 * accessControl has already refused anyone but a manager, and any body that is not JSON; the
 * table's row gives the room for 1,000 lockids (its body limit).
 */
export async function bulkCommandRoutes(app: FastifyInstance, options: { upstream: Upstream; audit: AuditLog; perLockTimeoutMs?: number }) {
  const { upstream, audit } = options;
  const perLockTimeoutMs = Math.min(options.perLockTimeoutMs ?? BULK_LOCK_TIMEOUT_MS, upstream.timeoutMs);
  const rows = commandRows();
  gatewayRoute(app, 'POST', '/api/commands', async (request, reply, route) => {
    reply.header('cache-control', 'no-store');
    const session = activeSession(request);
    if (!session) return deny(reply, 401, ACCESS_MESSAGES.signIn);
    const parsed = bulkBodySchema.safeParse(request.body);
    if (!parsed.success) return deny(reply, 400, describeIssues(parsed.error));
    const body = parsed.data;
    const { action } = body;
    const who = auditUser(session.user);
    const recordBulk = async (result: 'ok' | 'failed', detail: string) =>
      audit.record({ action: 'bulk-command', command: action, result, user: who, ip: request.ip, detail: `${describeTarget(body)}: ${detail}` });
    const refuse = async (refusal: Refusal) => {
      if (refusal.audited !== undefined) await recordBulk('failed', refusal.audited);
      if (refusal.endsSession) endSession(request);
      return deny(reply, refusal.status, refusal.msg);
    };

    const locks = await locksOf(upstream, route, session.token, body);
    if (!Array.isArray(locks)) return refuse(locks);
    const targets = targetsOf(rows[action], body, locks);
    if (!Array.isArray(targets)) return refuse(targets);
    const relock = relockNote(body);
    const recordLock = async (target: Target, result: 'ok' | 'failed', detail: string) =>
      audit.record({ action: 'lock-command', command: action, lockid: target.lockid, lockname: target.lockname ?? undefined, result, detail: `bulk: ${detail}${relock}`, user: who, ip: request.ip });
    const { answered, sessionRejected } = await sendCommands({ upstream, token: session.token, body, perLockTimeoutMs, recordLock }, targets);

    const summary = tallyOutcomes(answered);
    const counts = `${summary.done} done, ${summary.offline} offline, ${summary.failed} failed`;
    if (sessionRejected) return refuse({ status: 401, msg: ACCESS_MESSAGES.ended, audited: `session rejected by the platform after ${counts}`, endsSession: true });
    const allDone = summary.done === answered.length;
    const timeouts = answered.filter((r) => r.outcome === 'timeout').length;
    await recordBulk(allDone ? 'ok' : 'failed', timeouts ? `${counts} (${timeouts} timed out)` : counts);
    return reply.code(200).send(stripSecrets({ status: allDone ? 1 : 0, msg: bulkMessage(action, answered), results: answered, summary }));
  });
}
