import { z } from 'zod';
import { GRANT_METHODS, GRANT_STATUSES, PASSCODE_LENGTH } from './constants';
import { listResponseSchema, pagingQueryShape, platformDateSchema, queryInt, searchKeySchema } from './envelope';
import { platformDateToMs } from './platform-date';
import { departmentSchema, personFilterShape, personLifecycleShape, tagsSchema } from './people';

export { GRANT_METHODS, GRANT_STATUSES, type GrantMethod, type GrantStatus } from './constants';

/*
 * People (who open doors: employees, contractors, guests; not dashboard accounts) and their access
 * grants (DESIGN.md). Dates on a grant:
 * - `start_date`/`end_date` are wall-clock "YYYY-MM-DD HH:mm:ss" in PLUS_TIMEZONE, both inclusive
 *   to the second (a grant `until 2027-03-31 23:59:59` works all of 31 March); null = open.
 * - `weekdays` ("12345" = Mon–Fri, ISO digits, null = every day) and `start_time`/`end_time`
 *   ("HH:mm", null = all day) are read on the same wall clock: a use counts from start_time up to,
 *   not including, end_time. `end_time` may be "24:00" (to midnight). A window whose end is before
 *   its start runs overnight, and belongs to the weekday it starts on ("5" with 22:00–06:00 covers
 *   Friday 22:00 to Saturday 06:00).
 * - `created_date`/`revoked_date` are UTC, like event dates.
 */

export const MAX_PERSON_NAME_LENGTH = 80;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PHONE_LENGTH = 32;

/** A person who uses the doors; the same `userid`/`username` as on events. */
export const personSchema = z.strictObject({
  userid: z.number().int().min(1),
  username: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Grants that are active or scheduled now (not expired, not revoked). */
  grant_count: z.number().int().min(0),
  created_date: platformDateSchema,
  // Issue 25 (contract/people.ts): the embedded platform always sends these; older hosts do not.
  ...Object.fromEntries(Object.entries(personLifecycleShape).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof typeof personLifecycleShape]: z.ZodOptional<(typeof personLifecycleShape)[K]>;
  },
});
export type Person = z.infer<typeof personSchema>;

export const personListQuerySchema = z.object({
  ...pagingQueryShape,
  /** Every word in the name, the email or the phone number, ignoring case. */
  searchkey: searchKeySchema,
  ...personFilterShape,
});
export type PersonListQuery = z.infer<typeof personListQuerySchema>;

export const personListResponseSchema = listResponseSchema('peoplelist', personSchema);
export type PersonListResponse = z.infer<typeof personListResponseSchema>;

export const personResponseSchema = z.object({ status: z.literal(1), msg: z.string(), person: personSchema });
export type PersonResponse = z.infer<typeof personResponseSchema>;

export const personIdParamsSchema = z.object({ userid: queryInt('userid', 1, Number.MAX_SAFE_INTEGER) });

const username = z
  .string({ error: 'username must be text' })
  .trim()
  .min(1, 'username must not be empty')
  .max(MAX_PERSON_NAME_LENGTH, `username must be at most ${MAX_PERSON_NAME_LENGTH} characters`);
/** An email address, or null / "" for none. */
const email = z
  .string({ error: 'email must be text' })
  .trim()
  .max(MAX_EMAIL_LENGTH, `email must be at most ${MAX_EMAIL_LENGTH} characters`)
  .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'email must look like name@example.com')
  .nullable()
  .transform((v) => (v === '' ? null : v));
/** A phone number (digits, spaces, + - ( ) .), or null / "" for none. */
const phone = z
  .string({ error: 'phone must be text' })
  .trim()
  .max(MAX_PHONE_LENGTH, `phone must be at most ${MAX_PHONE_LENGTH} characters`)
  .refine((v) => v === '' || (/^\+?[\d\s().-]+$/.test(v) && /\d{3}/.test(v.replace(/\D/g, ''))), 'phone must be a phone number such as +1 555 0100')
  .nullable()
  .transform((v) => (v === '' ? null : v));

/** `POST /api/people`. */
export const createPersonBodySchema = z.strictObject({
  username,
  email: email.optional(),
  phone: phone.optional(),
  department: departmentSchema.optional(),
  tags: tagsSchema.optional(),
});
export type CreatePersonBody = z.input<typeof createPersonBodySchema>;

/** `PUT /api/people/:userid`: any of the fields; null or "" clears email or phone. */
export const updatePersonBodySchema = z
  .strictObject({
    username: username.optional(),
    email: email.optional(),
    phone: phone.optional(),
    department: departmentSchema.optional(),
    tags: tagsSchema.optional(),
  })
  .refine((b) => Object.values(b).some((value) => value !== undefined), {
    error: 'send a username, an email, a phone, a department or tags',
  });
export type UpdatePersonBody = z.input<typeof updatePersonBodySchema>;

/** `POST /api/people/:userid/revoke` (offboarding): how many grants ended. */
export const revokeAllResponseSchema = z.object({ status: z.literal(1), msg: z.string(), revoked: z.number().int().min(0) });
export type RevokeAllResponse = z.infer<typeof revokeAllResponseSchema>;

/** One access grant, exactly as DESIGN.md shapes it. Never carries the passcode. */
export const grantSchema = z.strictObject({
  grantid: z.number().int().min(1),
  userid: z.number().int().min(1),
  username: z.string(),
  /** Exactly one of lockid / groupid is set; a group grant follows the group's membership. */
  lockid: z.string().nullable(),
  lockname: z.string().nullable(),
  groupid: z.number().int().min(1).nullable(),
  groupname: z.string().nullable(),
  method: z.enum(GRANT_METHODS),
  start_date: platformDateSchema.nullable(),
  end_date: platformDateSchema.nullable(),
  weekdays: z.string().regex(/^[1-7]{1,7}$/).nullable(),
  start_time: z.string().regex(/^\d{2}:\d{2}$/).nullable(),
  end_time: z.string().regex(/^\d{2}:\d{2}$/).nullable(),
  status: z.enum(GRANT_STATUSES),
  /** The dashboard account that granted / revoked it (null when unknown). */
  created_by: z.string().nullable(),
  created_date: platformDateSchema,
  revoked_by: z.string().nullable(),
  revoked_date: platformDateSchema.nullable(),
  // Issue 25: the role a grant comes from (it ends when the person leaves the role), the visitor pass
  // it belongs to, and when its keypad code was last sent (UTC). Optional for older hosts.
  roleid: z.number().int().min(1).nullable().optional(),
  rolename: z.string().nullable().optional(),
  passid: z.number().int().min(1).nullable().optional(),
  code_sent_date: platformDateSchema.nullable().optional(),
});
export type Grant = z.infer<typeof grantSchema>;

/** `status` takes one status or several separated by commas. */
const statusList = z
  .string()
  .transform((v) => v.split(',').map((t) => t.trim()).filter(Boolean))
  .pipe(z.array(z.enum(GRANT_STATUSES, { error: `status must be one of ${GRANT_STATUSES.join(', ')}` })).min(1, 'status is empty'));

/**
 * `GET /api/grants`: filters combine. `lockid` lists the grants to that lock and those that reach
 * it through its groups. Order: active, scheduled, expired, revoked; then by person, then grantid.
 */
export const grantListQuerySchema = z.object({
  ...pagingQueryShape,
  lockid: z.string({ error: 'lockid must be text' }).min(1, 'lockid must not be empty').max(64, 'lockid is too long').optional(),
  groupid: queryInt('groupid', 1, Number.MAX_SAFE_INTEGER).optional(),
  userid: queryInt('userid', 1, Number.MAX_SAFE_INTEGER).optional(),
  status: statusList.optional(),
});
export type GrantListQuery = z.infer<typeof grantListQuerySchema>;

export const grantListResponseSchema = listResponseSchema('grantslist', grantSchema);
export type GrantListResponse = z.infer<typeof grantListResponseSchema>;

export const grantIdParamsSchema = z.object({ grantid: queryInt('grantid', 1, Number.MAX_SAFE_INTEGER) });

const wallDate = (name: string) =>
  z
    .string({ error: `${name} must be a date "YYYY-MM-DD HH:mm:ss"` })
    .refine((v) => platformDateToMs(v) !== null && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v), {
      message: `${name} must be a date "YYYY-MM-DD HH:mm:ss"`,
    })
    .nullable()
    .optional();
const clock = (name: string, allowMidnightEnd: boolean) =>
  z
    .string({ error: `${name} must be a time "HH:mm"` })
    .regex(allowMidnightEnd ? /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^(?:[01]\d|2[0-3]):[0-5]\d$/, {
      message: `${name} must be a time "HH:mm" (00:00–${allowMidnightEnd ? '24:00' : '23:59'})`,
    })
    .nullable()
    .optional();

/** `POST /api/grants`. Every problem is a 400 that names its field. */
export const createGrantBodySchema = z
  .strictObject({
    userid: z.number({ error: 'userid must be a person’s userid (a number)' }).int('userid must be a whole number').min(1, 'userid must be at least 1'),
    lockid: z.string({ error: 'lockid must be text' }).min(1, 'lockid must not be empty').max(64, 'lockid is too long').nullable().optional(),
    groupid: z.number({ error: 'groupid must be a number' }).int('groupid must be a whole number').min(1, 'groupid must be at least 1').nullable().optional(),
    method: z.enum(GRANT_METHODS, { error: `method must be one of ${GRANT_METHODS.join(', ')}` }),
    start_date: wallDate('start_date'),
    end_date: wallDate('end_date'),
    weekdays: z
      .string({ error: 'weekdays must be text such as "12345"' })
      .refine((v) => /^[1-7]{1,7}$/.test(v) && new Set(v).size === v.length, {
        message: 'weekdays must be ISO weekday digits, each once (1 = Monday … 7 = Sunday), such as "12345"',
      })
      .transform((v) => [...v].sort().join(''))
      .nullable()
      .optional(),
    start_time: clock('start_time', false),
    end_time: clock('end_time', true),
  })
  .superRefine((b, ctx) => {
    const hasLock = b.lockid !== undefined && b.lockid !== null;
    const hasGroup = b.groupid !== undefined && b.groupid !== null;
    if (hasLock && hasGroup) ctx.addIssue({ code: 'custom', path: ['groupid'], message: 'send a lockid or a groupid, not both' });
    if (!hasLock && !hasGroup) ctx.addIssue({ code: 'custom', path: ['lockid'], message: 'send a lockid or a groupid' });
    if (b.start_date && b.end_date && b.end_date <= b.start_date) {
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'end_date must be after start_date' });
    }
    const hasStart = b.start_time !== undefined && b.start_time !== null;
    const hasEnd = b.end_time !== undefined && b.end_time !== null;
    if (hasStart !== hasEnd) {
      ctx.addIssue({ code: 'custom', path: [hasStart ? 'end_time' : 'start_time'], message: 'send both start_time and end_time, or neither' });
    } else if (hasStart && b.start_time === b.end_time) {
      ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'end_time must differ from start_time (leave both out for all day)' });
    }
  });
export type CreateGrantBody = z.input<typeof createGrantBodySchema>;

export const grantResponseSchema = z.object({ status: z.literal(1), msg: z.string(), grant: grantSchema });
export type GrantResponse = z.infer<typeof grantResponseSchema>;

const passcodeSchema = z.string().regex(new RegExp(`^\\d{${PASSCODE_LENGTH}}$`));

/** `POST /api/grants` answers the grant, and a keypad grant's code (this once; later only the reveal). */
export const createGrantResponseSchema = grantResponseSchema.extend({ passcode: passcodeSchema.optional() });
export type CreateGrantResponse = z.infer<typeof createGrantResponseSchema>;

/** `GET /api/grants/:grantid/passcode`. */
export const passcodeResponseSchema = z.object({ status: z.literal(1), msg: z.string(), grantid: z.number().int().min(1), passcode: passcodeSchema });
export type PasscodeResponse = z.infer<typeof passcodeResponseSchema>;
