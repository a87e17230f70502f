import { z } from 'zod';
import { queryInt } from './envelope';
import { isTimeZone } from './platform-date';
import { CONTACT_CHANNELS, DELIVERY_STATES, RULE_KINDS, RULE_KIND_INFO, type RuleKind } from './team-alerts';

/**
 * The gateway's strict request schemas for the team-alerts routes (DESIGN.md, Team alerts). Every
 * message names its field; unknown fields and parameters are refused.
 */

const unknownKeys = (iss: { code: string; keys?: string[] }) =>
  iss.code === 'unrecognized_keys' ? `Unknown field: ${(iss.keys ?? []).join(', ').slice(0, 80)}` : undefined;
const unknownParams = (iss: { code: string; keys?: string[] }) =>
  iss.code === 'unrecognized_keys' ? `Unknown parameter: ${(iss.keys ?? []).join(', ').slice(0, 80)}` : undefined;

export const MAX_TEAM_ALERTS_PAGE = 100;
export const DEFAULT_TEAM_ALERTS_PAGE = 50;
const MAX_ID = 1_000_000_000_000;

const idList = (name: string, max: number) =>
  z
    .array(z.number({ error: `${name} must hold whole numbers` }).int(`${name} must hold whole numbers`).min(1, `${name} must hold positive ids`).max(MAX_ID), {
      error: `${name} must be a list of ids`,
    })
    .max(max, `${name} may hold at most ${max} ids`)
    .transform((ids) => [...new Set(ids)]);

/** Text, with "is required" when missing and "must be text" when something else was sent. */
const text = (name: string) => z.string({ error: (iss) => (iss.input === undefined ? `${name} is required` : `${name} must be text`) });

const paging = {
  beforeid: queryInt('beforeid', 1, MAX_ID).optional(),
  limit: queryInt('limit', 1, MAX_TEAM_ALERTS_PAGE).default(DEFAULT_TEAM_ALERTS_PAGE),
};

export const teamAlertsQuerySchema = z.strictObject(
  {
    state: z.enum(['open', 'all'], { error: 'state must be open or all' }).default('open'),
    ...paging,
    kind: z.enum(RULE_KINDS, { error: `kind must be one of ${RULE_KINDS.join(', ')}` }).optional(),
    lockid: z.string({ error: 'lockid must be text' }).min(1, 'lockid must be 1 to 64 characters').max(64, 'lockid must be 1 to 64 characters').optional(),
    groupid: queryInt('groupid', 1, MAX_ID).optional(),
  },
  { error: unknownParams },
);
export type TeamAlertsQuery = z.infer<typeof teamAlertsQuerySchema>;

export const ackBodySchema = z.strictObject(
  { note: z.string({ error: 'note must be text' }).trim().max(500, 'note must be at most 500 characters').optional() },
  { error: unknownKeys },
);

export const readBodySchema = z
  .strictObject({ alertids: idList('alertids', 500).optional(), all: z.literal(true, { error: 'all must be true' }).optional() }, { error: unknownKeys })
  .refine((body) => body.all === true || (body.alertids?.length ?? 0) > 0, { error: 'Send alertids (a list of ids) or all: true', path: ['alertids'] });

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const ruleScheduleSchema = z
  .strictObject(
    {
      days: z
        .string({ error: 'days must be text such as "12345"' })
        .regex(/^[1-7]{1,7}$/, 'days must be ISO weekday digits 1 (Monday) to 7 (Sunday), such as "12345"')
        .refine((days) => new Set(days).size === days.length, 'days must not repeat a day'),
      from: z.string({ error: 'from must be "HH:mm"' }).regex(HH_MM, 'from must be a time "HH:mm" from 00:00 to 23:59'),
      to: z.string({ error: 'to must be "HH:mm"' }).regex(HH_MM, 'to must be a time "HH:mm" from 00:00 to 23:59'),
      timezone: z.string({ error: 'timezone must be text' }).max(64).refine(isTimeZone, 'timezone must be an IANA time zone such as Europe/Paris'),
    },
    { error: unknownKeys },
  )
  .refine((s) => s.from !== s.to, { error: 'to must differ from from', path: ['to'] });

export const ruleScopeSchema = z.union(
  [
    z.strictObject({ all: z.literal(true) }),
    z.strictObject({ groupids: idList('groupids', 500).pipe(z.array(z.number()).min(1, 'groupids must name at least one group')) }),
    z.strictObject({
      lockids: z
        .array(z.string().min(1, 'lockids must hold lock ids').max(64, 'lockids must hold lock ids of at most 64 characters'))
        .min(1, 'lockids must name at least one lock')
        .max(1000, 'lockids may hold at most 1000 locks')
        .transform((ids) => [...new Set(ids)]),
    }),
  ],
  { error: 'scope must be {all: true}, {groupids: [..]} or {lockids: [..]}, naming at least one' },
);

/** Every field a rule has; the optional ones have their defaults filled in by `ruleBodySchema`. */
const ruleFields = {
  name: text('name').trim().min(1, 'name must be 1 to 80 characters').max(80, 'name must be 1 to 80 characters'),
  kind: z.enum(RULE_KINDS, { error: `kind must be one of ${RULE_KINDS.join(', ')}` }),
  enabled: z.boolean({ error: 'enabled must be true or false' }),
  scope: ruleScopeSchema,
  threshold_s: z
    .number({ error: 'threshold_s must be a number of seconds' })
    .int('threshold_s must be a whole number of seconds')
    .min(0, 'threshold_s must be from 0 to 604800 seconds')
    .max(604_800, 'threshold_s must be from 0 to 604800 seconds'),
  schedule: ruleScheduleSchema.nullable(),
  when: z.enum(['always', 'outside-schedule'], { error: 'when must be always or outside-schedule' }),
  contactids: idList('contactids', 50),
  escalate_after_s: z
    .number({ error: 'escalate_after_s must be a number of seconds or null' })
    .int('escalate_after_s must be a whole number of seconds')
    .min(60, 'escalate_after_s must be from 60 to 86400 seconds')
    .max(86_400, 'escalate_after_s must be from 60 to 86400 seconds')
    .nullable(),
  escalate_contactids: idList('escalate_contactids', 50),
};

/** A whole rule as created (or as a change makes it): defaults filled, fields checked together. */
export const ruleBodySchema = z
  .strictObject(
    {
      name: ruleFields.name,
      kind: ruleFields.kind,
      enabled: ruleFields.enabled.default(true),
      scope: ruleFields.scope,
      threshold_s: ruleFields.threshold_s.optional(),
      schedule: ruleFields.schedule.default(null),
      when: ruleFields.when.default('always'),
      contactids: ruleFields.contactids.default([]),
      escalate_after_s: ruleFields.escalate_after_s.default(null),
      escalate_contactids: ruleFields.escalate_contactids.default([]),
    },
    { error: unknownKeys },
  )
  .refine((r) => r.escalate_after_s === null || r.escalate_contactids.length > 0, {
    error: 'escalate_contactids must name at least one contact when escalate_after_s is set',
    path: ['escalate_contactids'],
  })
  // `outside-schedule` reads the door's own schedule (DESIGN.md, "Schedules and lockdown"): a door-used rule's.
  .refine((r) => r.when === 'always' || r.kind === 'door-used', {
    error: 'when "outside-schedule" is only for door-used rules',
    path: ['when'],
  })
  .transform((r) => ({ ...r, threshold_s: r.threshold_s ?? defaultThreshold(r.kind) }));
export type RuleBody = z.output<typeof ruleBodySchema>;

function defaultThreshold(kind: RuleKind): number {
  return RULE_KIND_INFO[kind].defaultThresholdS;
}

/** A change to a rule: any of its fields; the result is checked whole (ruleBodySchema). */
export const ruleChangeSchema = z.strictObject(
  {
    name: z.unknown().optional(),
    kind: z.unknown().optional(),
    enabled: z.unknown().optional(),
    scope: z.unknown().optional(),
    threshold_s: z.unknown().optional(),
    schedule: z.unknown().optional(),
    when: z.unknown().optional(),
    contactids: z.unknown().optional(),
    escalate_after_s: z.unknown().optional(),
    escalate_contactids: z.unknown().optional(),
  },
  { error: unknownKeys },
);

const contactName = text('name').trim().min(1, 'name must be 1 to 80 characters').max(80, 'name must be 1 to 80 characters');
const contactAddress = text('address').trim().min(1, 'address is required').max(2048, 'address must be at most 2048 characters');

export const contactBodySchema = z.strictObject(
  {
    name: contactName,
    channel: z.enum(CONTACT_CHANNELS, { error: `channel must be one of ${CONTACT_CHANNELS.join(', ')}` }),
    address: contactAddress,
  },
  { error: unknownKeys },
);

export const contactChangeSchema = z.strictObject(
  {
    name: contactName.optional(),
    address: contactAddress.optional(),
    enabled: z.boolean({ error: 'enabled must be true or false' }).optional(),
  },
  { error: unknownKeys },
);

export const EMAIL_MESSAGE = 'Enter an e-mail address such as ana@example.com';
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;

/** A plausible e-mail address (what a person would type), at most 254 characters. */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

export const deliveriesQuerySchema = z.strictObject(
  {
    ...paging,
    alertid: queryInt('alertid', 1, MAX_ID).optional(),
    contactid: queryInt('contactid', 1, MAX_ID).optional(),
    state: z.enum(DELIVERY_STATES, { error: `state must be one of ${DELIVERY_STATES.join(', ')}` }).optional(),
  },
  { error: unknownParams },
);

export const outboxQuerySchema = z.strictObject(paging, { error: unknownParams });
