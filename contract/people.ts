import { z } from 'zod';
import { GRANT_METHODS } from './constants';
import { listResponseSchema, pagingQueryShape, platformDateSchema, queryInt, searchKeySchema } from './envelope';
import { DENIAL_REASONS } from './events';
import { platformDateToMs } from './platform-date';

/*
 * People from hire to exit (DESIGN.md, "People and roles"): access roles, a person's lifecycle,
 * visitor passes, import, and "can this person open this door now?".
 * - A role is a named set of grant templates. A member of a role holds one real grant per template
 *   (grants carry `roleid`/`rolename`); changing a role's templates changes every member's grants in
 *   one transaction; removing a member ends (revokes) that member's grants from the role. A grant from
 *   a role cannot be revoked on its own (409): the member leaves the role instead.
 * - A suspended person's door uses are refused with reason `suspended`; their grants are kept and
 *   work again on reactivation (by hand, or by itself at `suspended_until`). Archiving ends every grant
 *   and every role membership and hides the person from lists (history keeps them).
 * - A visitor pass is a person (`visitor: 1`) with keypad grants from `start_date` to `end_date` at the
 *   chosen locks or groups; its code is sent to the visitor's e-mail by the gateway and never appears in
 *   an answer of the gateway. When the pass runs out the platform writes one `access_expired` event.
 * - Wall-clock dates (`until`, a pass's `start_date`/`end_date`, `at`) are in PLUS_TIMEZONE like grants'
 *   dates; `created_date`, `last_used.date`, `last_denied.date`, `code_sent_date` are UTC like events.
 */

export const PERSON_STATUSES = ['active', 'suspended', 'archived'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];
export const MAX_ROLE_NAME_LENGTH = 80;
export const MAX_ROLE_GRANTS = 50;
export const MAX_DEPARTMENT_LENGTH = 80;
export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 32;
export const MAX_REASON_LENGTH = 200;
export const MAX_IMPORT_LINES = 5000;
export const MAX_PASS_DAYS = 31;

const wallDate = (field: string) =>
  z
    .string({ error: `${field} must be a date "YYYY-MM-DD HH:mm:ss"` })
    .refine((v) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v) && platformDateToMs(v) !== null, {
      message: `${field} must be a date "YYYY-MM-DD HH:mm:ss"`,
    });
const hhmm = (field: string, allowMidnight: boolean) =>
  z
    .string({ error: `${field} must be a time "HH:mm"` })
    .regex(allowMidnight ? /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^(?:[01]\d|2[0-3]):[0-5]\d$/, `${field} must be a time "HH:mm"`);
const id = (field: string) => z.number({ error: `${field} must be a number` }).int(`${field} must be a whole number`).min(1, `${field} must be at least 1`);
const lockid = z.string({ error: 'lockid must be text' }).min(1, 'lockid must not be empty').max(64, 'lockid is too long');

// ---- Roles ---------------------------------------------------------------------------------------

/** One grant template of a role: exactly one of lockid / groupid; the names are the platform's. */
export const roleGrantSchema = z.strictObject({
  lockid: z.string().nullable(),
  lockname: z.string().nullable(),
  groupid: z.number().int().min(1).nullable(),
  groupname: z.string().nullable(),
  method: z.enum(GRANT_METHODS),
  weekdays: z.string().regex(/^[1-7]{1,7}$/).nullable(),
  start_time: z.string().nullable(),
  end_time: z.string().nullable(),
});
export type RoleGrant = z.infer<typeof roleGrantSchema>;

export const roleSchema = z.strictObject({
  roleid: z.number().int().min(1),
  name: z.string(),
  grants: z.array(roleGrantSchema),
  member_count: z.number().int().min(0),
  created_date: platformDateSchema,
});
export type Role = z.infer<typeof roleSchema>;

export const roleListResponseSchema = listResponseSchema('roleslist', roleSchema);
export const roleResponseSchema = z.object({ status: z.literal(1), msg: z.string(), role: roleSchema });
export const roleIdParamsSchema = z.object({ roleid: queryInt('roleid', 1, Number.MAX_SAFE_INTEGER) });
export const roleListQuerySchema = z.object({ ...pagingQueryShape, searchkey: searchKeySchema });

/** A template in a create / change body. Hours as on grants: both or neither; overnight allowed. */
export const roleGrantBodySchema = z
  .strictObject({
    lockid: lockid.nullable().optional(),
    groupid: id('groupid').nullable().optional(),
    method: z.enum(GRANT_METHODS, { error: `method must be one of ${GRANT_METHODS.join(', ')}` }),
    weekdays: z
      .string({ error: 'weekdays must be text such as "12345"' })
      .refine((v) => /^[1-7]{1,7}$/.test(v) && new Set(v).size === v.length, 'weekdays must be ISO weekday digits, each once, such as "12345"')
      .transform((v) => [...v].sort().join(''))
      .nullable()
      .optional(),
    start_time: hhmm('start_time', false).nullable().optional(),
    end_time: hhmm('end_time', true).nullable().optional(),
  })
  .superRefine((g, ctx) => {
    const hasLock = g.lockid != null;
    const hasGroup = g.groupid != null;
    if (hasLock === hasGroup) ctx.addIssue({ code: 'custom', path: ['lockid'], message: 'each grant needs a lockid or a groupid, not both' });
    if ((g.start_time == null) !== (g.end_time == null)) ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'send both start_time and end_time, or neither' });
    else if (g.start_time != null && g.start_time === g.end_time) ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'end_time must differ from start_time' });
  });
export type RoleGrantBody = z.input<typeof roleGrantBodySchema>;

const roleName = z
  .string({ error: 'name must be text' })
  .trim()
  .min(1, 'name must not be empty')
  .max(MAX_ROLE_NAME_LENGTH, `name must be at most ${MAX_ROLE_NAME_LENGTH} characters`);
const roleGrants = z.array(roleGrantBodySchema).max(MAX_ROLE_GRANTS, `a role has at most ${MAX_ROLE_GRANTS} grants`);

/** `POST /api/roles`; 409 for a name taken (ignoring case); 400 naming an unknown lock or group. */
export const createRoleBodySchema = z.strictObject({ name: roleName, grants: roleGrants });
export type CreateRoleBody = z.input<typeof createRoleBodySchema>;

/** `PUT /api/roles/:roleid[?preview=1]`: the grants given replace the role's grants. */
export const updateRoleBodySchema = z
  .strictObject({ name: roleName.optional(), grants: roleGrants.optional() })
  .refine((b) => b.name !== undefined || b.grants !== undefined, 'send a name or grants');
export type UpdateRoleBody = z.input<typeof updateRoleBodySchema>;

/** `PUT /api/roles/:roleid/members[?preview=1]`; 400 naming an unknown or archived person. */
export const roleMembersBodySchema = z
  .strictObject({
    add: z.array(id('userid')).max(1000, 'at most 1,000 people at once').optional(),
    remove: z.array(id('userid')).max(1000, 'at most 1,000 people at once').optional(),
  })
  .refine((b) => (b.add?.length ?? 0) + (b.remove?.length ?? 0) > 0, 'send people to add or remove');
export type RoleMembersBody = z.input<typeof roleMembersBodySchema>;

export const previewQuerySchema = z.object({ preview: z.enum(['0', '1'], { error: 'preview must be 0 or 1' }).optional() });

/**
 * What a role change would do (`?preview=1`, nothing changed): per template gained or lost, how many
 * people it reaches ("12 people gain Loading dock"); per person added or removed, how many grants.
 */
export const rolePreviewSchema = z.strictObject({
  grants: z.array(z.strictObject({ change: z.enum(['gain', 'lose']), grant: roleGrantSchema, people: z.number().int().min(0) })),
  members: z.array(z.strictObject({ change: z.enum(['gain', 'lose']), userid: z.number().int().min(1), username: z.string(), grants: z.number().int().min(0) })),
});
export type RolePreview = z.infer<typeof rolePreviewSchema>;
export const rolePreviewResponseSchema = z.object({ status: z.literal(1), msg: z.string(), preview: rolePreviewSchema });

// ---- A person's lifecycle ------------------------------------------------------------------------

export const lastUsedSchema = z.strictObject({ lockid: z.string(), lockname: z.string().nullable(), date: platformDateSchema });
export const lastDeniedSchema = lastUsedSchema.extend({ reason: z.enum(DENIAL_REASONS) });

/** The fields issue 25 adds to a person (contract/access.ts's personSchema carries them, optional for older hosts). */
export const personLifecycleShape = {
  status: z.enum(PERSON_STATUSES),
  department: z.string().nullable(),
  tags: z.array(z.string()),
  roleids: z.array(z.number().int().min(1)),
  suspended_reason: z.string().nullable(),
  /** Wall clock (PLUS_TIMEZONE); null = until reactivated by hand. */
  suspended_until: platformDateSchema.nullable(),
  visitor: z.union([z.literal(0), z.literal(1)]),
  last_used: lastUsedSchema.nullable(),
  last_denied: lastDeniedSchema.nullable(),
};

export const departmentSchema = z
  .string({ error: 'department must be text' })
  .trim()
  .max(MAX_DEPARTMENT_LENGTH, `department must be at most ${MAX_DEPARTMENT_LENGTH} characters`)
  .nullable()
  .transform((v) => (v === '' ? null : v));
export const tagsSchema = z
  .array(z.string({ error: 'each tag must be text' }).trim().min(1, 'a tag must not be empty').max(MAX_TAG_LENGTH, `a tag is at most ${MAX_TAG_LENGTH} characters`))
  .max(MAX_TAGS, `at most ${MAX_TAGS} tags`)
  .transform((tags) => [...new Set(tags)]);

/** `GET /api/people` filters added by issue 25 (archived people are listed only with `status=archived`). */
export const personFilterShape = {
  status: z.enum(PERSON_STATUSES, { error: `status must be one of ${PERSON_STATUSES.join(', ')}` }).optional(),
  roleid: queryInt('roleid', 1, Number.MAX_SAFE_INTEGER).optional(),
  department: z.string().trim().min(1, 'department must not be empty').max(MAX_DEPARTMENT_LENGTH).optional(),
  visitor: z.enum(['0', '1'], { error: 'visitor must be 0 or 1' }).optional(),
};

/** `POST /api/people/:userid/suspend`: `until` (wall clock, in the future) resumes by itself. */
export const suspendBodySchema = z.strictObject({
  reason: z.string({ error: 'reason must be text' }).trim().min(1, 'say why (reason)').max(MAX_REASON_LENGTH, `reason must be at most ${MAX_REASON_LENGTH} characters`),
  until: wallDate('until').nullable().optional(),
});
export type SuspendBody = z.input<typeof suspendBodySchema>;

// ---- Visitor passes ------------------------------------------------------------------------------

export const PASS_STATUSES = ['scheduled', 'active', 'expired', 'ended'] as const;
export type PassStatus = (typeof PASS_STATUSES)[number];

export const passSchema = z.strictObject({
  passid: z.number().int().min(1),
  /** The visitor as a person (visitor: 1). */
  userid: z.number().int().min(1),
  name: z.string(),
  /** Null in a support account's answers (the gateway strips it). */
  email: z.string().nullable(),
  lockids: z.array(z.string()),
  groupids: z.array(z.number().int().min(1)),
  start_date: platformDateSchema,
  end_date: platformDateSchema,
  status: z.enum(PASS_STATUSES),
  created_by: z.string().nullable(),
  created_date: platformDateSchema,
  /** When the current code was issued (UTC); a resend issues a new code and ends the old one. */
  code_sent_date: platformDateSchema.nullable(),
});
export type Pass = z.infer<typeof passSchema>;

export const passListQuerySchema = z.object({
  ...pagingQueryShape,
  status: z.enum(PASS_STATUSES, { error: `status must be one of ${PASS_STATUSES.join(', ')}` }).optional(),
});
export const passListResponseSchema = listResponseSchema('passeslist', passSchema);
export const passIdParamsSchema = z.object({ passid: queryInt('passid', 1, Number.MAX_SAFE_INTEGER) });

/** `POST /api/passes`: a day or a few hours (at most MAX_PASS_DAYS days), at chosen locks or groups. */
export const createPassBodySchema = z
  .strictObject({
    name: z.string({ error: 'name must be text' }).trim().min(1, 'name must not be empty').max(80, 'name must be at most 80 characters'),
    email: z.string({ error: 'email must be text' }).trim().max(254).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'email must look like name@example.com'),
    lockids: z.array(lockid).max(100).optional(),
    groupids: z.array(id('groupid')).max(100).optional(),
    start_date: wallDate('start_date'),
    end_date: wallDate('end_date'),
  })
  .superRefine((b, ctx) => {
    if ((b.lockids?.length ?? 0) + (b.groupids?.length ?? 0) === 0) ctx.addIssue({ code: 'custom', path: ['lockids'], message: 'choose at least one door or group' });
    if (b.end_date <= b.start_date) ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'end_date must be after start_date' });
    else if ((platformDateToMs(b.end_date) ?? 0) - (platformDateToMs(b.start_date) ?? 0) > MAX_PASS_DAYS * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: `a pass lasts at most ${MAX_PASS_DAYS} days` });
    }
  });
export type CreatePassBody = z.input<typeof createPassBodySchema>;

/** The platform's answer to create / resend: the code, which only the gateway ever sees. */
export const platformPassResponseSchema = z.object({ status: z.literal(1), msg: z.string(), pass: passSchema, passcode: z.string().regex(/^\d{6}$/) });

/** The gateway's answer to create / resend, and to `POST /api/grants/:grantid/send`: where the code went. */
export const sentSchema = z.strictObject({ to: z.string(), date: platformDateSchema });
export const passResponseSchema = z.object({ status: z.literal(1), msg: z.string(), pass: passSchema, sent: sentSchema.optional() });
export const codeSentResponseSchema = z.object({ status: z.literal(1), msg: z.string(), sent: sentSchema });

/** "a…@example.com": what a manager sees of where a code went. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '…';
  return `${email[0]}…${email.slice(at)}`;
}

// ---- Import ---------------------------------------------------------------------------------------

/**
 * `POST /api/people/import[?dry_run=1]`, body `text/csv`: header line `name,email,department,roles`
 * (any order, case ignored; `name` required), roles separated by `;`. A line whose e-mail belongs to
 * someone updates them (department, and the roles listed are added); any other line creates a person.
 * Nothing is applied when any line has an error (400 with every error); a dry run applies nothing.
 */
export const IMPORT_ACTIONS = ['create', 'update', 'unchanged'] as const;
export const importChangeSchema = z.strictObject({
  line: z.number().int().min(2),
  action: z.enum(IMPORT_ACTIONS),
  userid: z.number().int().min(1).nullable(),
  name: z.string(),
  email: z.string().nullable(),
  department: z.string().nullable(),
  /** Role names this line adds. */
  roles: z.array(z.string()),
});
export type ImportChange = z.infer<typeof importChangeSchema>;
export const importErrorSchema = z.strictObject({ line: z.number().int().min(1), msg: z.string() });
export const importResponseSchema = z.object({
  status: z.union([z.literal(0), z.literal(1)]),
  msg: z.string(),
  dry_run: z.union([z.literal(0), z.literal(1)]),
  changes: z.array(importChangeSchema),
  errors: z.array(importErrorSchema),
});
export type ImportResponse = z.infer<typeof importResponseSchema>;
export const importQuerySchema = z.object({ dry_run: z.enum(['0', '1'], { error: 'dry_run must be 0 or 1' }).optional() });

// ---- Can this person open this door now? ---------------------------------------------------------

export const accessCheckQuerySchema = z.object({
  userid: queryInt('userid', 1, Number.MAX_SAFE_INTEGER),
  lockid,
  method: z.enum(GRANT_METHODS, { error: `method must be one of ${GRANT_METHODS.join(', ')}` }).optional(),
  /** Wall clock (PLUS_TIMEZONE); default now. */
  at: wallDate('at').optional(),
});
export type AccessCheckQuery = z.infer<typeof accessCheckQuerySchema>;

/** The same decision the door makes: the grant (and role) that allows it, or the reason it would refuse. */
export const accessCheckSchema = z.strictObject({
  allowed: z.union([z.literal(0), z.literal(1)]),
  reason: z.enum(DENIAL_REASONS).nullable(),
  grantid: z.number().int().min(1).nullable(),
  roleid: z.number().int().min(1).nullable(),
  rolename: z.string().nullable(),
  /** One sentence: "Allowed by grant #12 from role Night shift (Mon–Fri 22:00–06:00)". */
  explanation: z.string(),
});
export type AccessCheck = z.infer<typeof accessCheckSchema>;
export const accessCheckResponseSchema = z.object({ status: z.literal(1), msg: z.string(), check: accessCheckSchema });
