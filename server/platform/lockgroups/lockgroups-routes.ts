import type { FastifyInstance } from 'fastify';
import {
  createLockGroupBodySchema,
  lockGroupIdParamsSchema,
  lockGroupListQuerySchema,
  lockGroupMembershipBodySchema,
  updateLockGroupBodySchema,
} from '../../../contract/lockgroups';
import type { LockGroupListResponse, LockGroupResponse } from '../../../contract/lockgroups';
import { HttpError, pageEnvelope, parseOr400 } from '../http/errors';
import { type GroupHistory, writeGroupChange } from './group-history';
import { type LockGroupsRepository, namedLocks } from './lockgroups-repository';

/** How many clashing locks a refused membership change names. */
const NAMED_CLASHES = 5;

/**
 * Lock groups: `GET/POST /api/lockgroups`, `GET/PUT/DELETE /api/lockgroups/:groupid` and the membership
 * `PUT /api/lockgroups/:groupid/locks`. A support account is refused the changes by the auth hook.
 * Deleting a group ends (revokes) the grants to it.
 */
export function registerLockGroupRoutes(
  app: FastifyInstance,
  groups: LockGroupsRepository,
  opts: {
    endGrants?: (groupid: number, actor: string | null) => number;
    /** Of these locks, those where two live keypad grants share a code (access/grants-repository.ts). */
    locksWithSharedCode?: (lockids: readonly string[]) => string[];
    /** Where membership changes and deletions are written as events (naming the grants they reach). */
    history?: GroupHistory;
  } = {},
): void {
  app.get('/api/lockgroups', async (request): Promise<LockGroupListResponse> => {
    const query = parseOr400(lockGroupListQuerySchema, request.query);
    const page = groups.list(query);
    return { ...pageEnvelope(page.totalCount, query.limit, query.pagenumber), lockgroupslist: page.groups };
  });

  app.get('/api/lockgroups/:groupid', async (request): Promise<LockGroupResponse> => {
    const { groupid } = parseOr400(lockGroupIdParamsSchema, request.params);
    return { status: 1, msg: 'ok', lockgroup: groups.find(groupid) };
  });

  app.post('/api/lockgroups', async (request): Promise<LockGroupResponse> => {
    const body = parseOr400(createLockGroupBodySchema, request.body);
    const lockgroup = groups.create(body.groupname, body.description ?? '');
    return { status: 1, msg: `${lockgroup.groupname} created`, lockgroup };
  });

  app.put('/api/lockgroups/:groupid', async (request): Promise<LockGroupResponse> => {
    const { groupid } = parseOr400(lockGroupIdParamsSchema, request.params);
    const body = parseOr400(updateLockGroupBodySchema, request.body);
    const lockgroup = groups.update(groupid, body);
    return { status: 1, msg: `${lockgroup.groupname} saved`, lockgroup };
  });

  app.delete('/api/lockgroups/:groupid', async (request): Promise<LockGroupResponse> => {
    const { groupid } = parseOr400(lockGroupIdParamsSchema, request.params);
    // The grants to the group end with it (revoked, kept as history, each with its event).
    let ended = 0;
    const actor = request.platformUser?.name ?? null;
    const lockgroup = groups.remove(groupid, (group) => {
      const reached = groups.grantsOf(groupid);
      ended = opts.endGrants?.(groupid, actor) ?? 0;
      writeGroupChange(opts.history, 'group_deleted', group, reached, actor);
    });
    const grantsEnded = ended === 0 ? '' : `; ${ended} ${ended === 1 ? 'grant' : 'grants'} to it ended`;
    return { status: 1, msg: `${lockgroup.groupname} deleted; its locks stay${grantsEnded}`, lockgroup };
  });

  app.put('/api/lockgroups/:groupid/locks', async (request): Promise<LockGroupResponse> => {
    const { groupid } = parseOr400(lockGroupIdParamsSchema, request.params);
    const body = parseOr400(lockGroupMembershipBodySchema, request.body);
    const lockgroup = groups.changeMembers(groupid, body.add ?? [], body.remove ?? [], (added, changed) => {
      const clashing = opts.locksWithSharedCode?.(added) ?? [];
      if (clashing.length === 0) {
        if (changed.added.length + changed.removed.length === 0) return;
        writeGroupChange(opts.history, 'group_locks_changed', groups.find(groupid), groups.grantsOf(groupid), request.platformUser?.name ?? null);
        return;
      }
      throw new HttpError(
        409,
        `At ${namedLocks(clashing, NAMED_CLASHES)}, a keypad code of this group's grants is already someone else's code there: ` +
          'revoke one of the two grants (a new grant gets a fresh code), then add the lock again. Nothing was changed.',
      );
    });
    return { status: 1, msg: `${lockgroup.groupname} now has ${lockgroup.lock_count} locks`, lockgroup };
  });
}
