import { z } from 'zod';
import { listResponseSchema, pagingQueryShape, platformDateSchema, queryInt, searchKeySchema } from './envelope';

/** A group's name: 1–80 characters once trimmed, unique ignoring case. */
export const MAX_GROUP_NAME_LENGTH = 80;
export const MAX_GROUP_DESCRIPTION_LENGTH = 500;
/** Lock IDs one membership change may name (add and remove together). */
export const MAX_MEMBERSHIP_CHANGE = 10_000;

/** A group as a lock row names it (`lockgroups` on each lock). */
export const lockGroupRefSchema = z.strictObject({
  groupid: z.number().int().min(1),
  groupname: z.string(),
});
export type LockGroupRef = z.infer<typeof lockGroupRefSchema>;

/** A lock group with the health of its locks (counts over its members, now). */
export const lockGroupSchema = z.strictObject({
  groupid: z.number().int().min(1),
  groupname: z.string(),
  description: z.string(),
  lock_count: z.number().int().min(0),
  online_count: z.number().int().min(0),
  offline_count: z.number().int().min(0),
  unlocked_count: z.number().int().min(0),
  lowbattery_count: z.number().int().min(0),
  created_date: platformDateSchema,
});
export type LockGroup = z.infer<typeof lockGroupSchema>;

/** `GET /api/lockgroups` query; `searchkey` matches the name, ignoring case. */
export const lockGroupListQuerySchema = z.object({
  ...pagingQueryShape,
  searchkey: searchKeySchema,
});
export type LockGroupListQuery = z.infer<typeof lockGroupListQuerySchema>;

export const lockGroupListResponseSchema = listResponseSchema('lockgroupslist', lockGroupSchema);
export type LockGroupListResponse = z.infer<typeof lockGroupListResponseSchema>;

export const lockGroupResponseSchema = z.object({
  status: z.literal(1),
  msg: z.string(),
  lockgroup: lockGroupSchema,
});
export type LockGroupResponse = z.infer<typeof lockGroupResponseSchema>;

/** A group's address in a path. */
export const lockGroupIdParamsSchema = z.object({
  groupid: queryInt('groupid', 1, Number.MAX_SAFE_INTEGER),
});

const groupName = z
  .string({ error: 'groupname must be text' })
  .trim()
  .min(1, 'groupname must not be empty')
  .max(MAX_GROUP_NAME_LENGTH, `groupname must be at most ${MAX_GROUP_NAME_LENGTH} characters`);
const groupDescription = z
  .string({ error: 'description must be text' })
  .trim()
  .max(MAX_GROUP_DESCRIPTION_LENGTH, `description must be at most ${MAX_GROUP_DESCRIPTION_LENGTH} characters`);

/** `POST /api/lockgroups`. */
export const createLockGroupBodySchema = z.strictObject({
  groupname: groupName,
  description: groupDescription.optional(),
});
export type CreateLockGroupBody = z.infer<typeof createLockGroupBodySchema>;

/** `PUT /api/lockgroups/:groupid`: a new name, a new description, or both. */
export const updateLockGroupBodySchema = z
  .strictObject({
    groupname: groupName.optional(),
    description: groupDescription.optional(),
  })
  .refine((b) => b.groupname !== undefined || b.description !== undefined, {
    error: 'send a groupname or a description',
  });
export type UpdateLockGroupBody = z.infer<typeof updateLockGroupBodySchema>;

const lockIds = (name: 'add' | 'remove') =>
  z
    .array(z.string({ error: `${name} must list lock IDs` }).min(1, `${name} holds an empty lock ID`).max(64, `${name} holds a lock ID that is too long`), {
      error: `${name} must be a list of lock IDs`,
    })
    .max(MAX_MEMBERSHIP_CHANGE, `${name} may name at most ${MAX_MEMBERSHIP_CHANGE} locks`);

/** `PUT /api/lockgroups/:groupid/locks`: locks to add and to remove, applied together or not at all. */
export const lockGroupMembershipBodySchema = z
  .strictObject({ add: lockIds('add').optional(), remove: lockIds('remove').optional() })
  .refine((b) => b.add !== undefined || b.remove !== undefined, { error: 'send add or remove (lists of lock IDs)' });
export type LockGroupMembershipBody = z.infer<typeof lockGroupMembershipBodySchema>;
