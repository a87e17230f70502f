import type { GatewayRoute } from '../route-table';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A person the platform marks as a visitor (`visitor: 1`; a vendor host may send "1" or true). */
function isVisitor(row: Json): boolean {
  return row.visitor === 1 || row.visitor === '1' || row.visitor === true;
}

const withoutEmail = (row: Json): Json => ('email' in row ? { ...row, email: null } : row);

/** Every pass's `email` (a pass is always a visitor's). */
function stripPasses(body: Json): Json {
  const out = { ...body };
  if (Array.isArray(body.passeslist)) out.passeslist = body.passeslist.map((row) => (isObject(row) ? withoutEmail(row) : row));
  if (isObject(body.pass)) out.pass = withoutEmail(body.pass);
  return out;
}

/** The `email` of every person with `visitor: 1`; everyone else's stays (staff e-mails are not the visitors'). */
function stripPeople(body: Json): Json {
  const out = { ...body };
  const strip = (row: unknown) => (isObject(row) && isVisitor(row) ? withoutEmail(row) : row);
  if (Array.isArray(body.peoplelist)) out.peoplelist = body.peoplelist.map(strip);
  if (isObject(body.person)) out.person = strip(body.person);
  return out;
}

/**
 * What a support account may see of an answer (DESIGN.md, Security; issue 25): never a visitor's
 * e-mail. Applied after the secrets are stripped, to the rows `supportStrips` names; anything else
 * passes as it is.
 */
export function stripForSupport(kind: NonNullable<GatewayRoute['supportStrips']>, body: unknown): unknown {
  if (!isObject(body)) return body;
  return kind === 'passes' ? stripPasses(body) : stripPeople(body);
}

/** The answer-store key of a stripped answer: the same bytes stripped for support are another answer. */
export function supportAnswerKey(rawHash: string | null): string | null {
  return rawHash === null ? null : `${rawHash}:support`;
}
