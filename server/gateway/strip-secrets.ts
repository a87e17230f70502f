/**
 * Secret field names (DESIGN.md, Security), compared normalised: lower case, without `_`, `-` or
 * any other separator (`Lock-Password`, `lock_password` and `lockPassword` are all `lockpassword`).
 */

/** A name containing one of these is a secret: `lockpassword`, `refreshtoken`, `clientsecret`, `apikeyid`. */
const CONTAINED_STEMS = ['password', 'passwd', 'passcode', 'secret', 'token', 'privatekey', 'credential', 'sessionid', 'apikey'];
/** A name equal to one of these is a secret (`pin`, but not `pinned`; `pwd`, but not `cwd`). */
const WHOLE_NAMES = new Set(['pin', 'pins', 'pincode', 'pincodes', 'pwd']);
/** The separate words of a name that make it a secret wherever they stand: `keypadPin`, `user_pin`, `lock_pwd`. */
const SECRET_WORDS = new Set(['pin', 'pins', 'pwd']);
/** A code or PIN is a secret when its name begins with one of these: `keypad_code`, `access_code`, `door_pin`. */
const CODE_OWNERS = ['keypad', 'access', 'door', 'pin'];
const CODE_ENDINGS = ['code', 'codes', 'pin', 'pins'];

function normalisedName(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `lock_password` → [lock, password]; `accessToken` → [access, token]; `PIN-code` → [pin, code]. */
function wordsOf(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function judge(key: string): boolean {
  const name = normalisedName(key);
  if (CONTAINED_STEMS.some((stem) => name.includes(stem))) return true;
  if (WHOLE_NAMES.has(name)) return true;
  // `lockpass`, `lock_pass`; a `pass` object or `passeslist` (visitor passes) is not one.
  if (name.endsWith('pass') && name.length > 'pass'.length) return true;
  if (CODE_OWNERS.some((owner) => name.startsWith(owner)) && CODE_ENDINGS.some((ending) => name.endsWith(ending))) return true;
  return wordsOf(key).some((word) => SECRET_WORDS.has(word));
}

/**
 * Every polled answer repeats the same few dozen field names: each is judged once. Bounded, since
 * the names come from the upstream.
 */
const judged = new Map<string, boolean>();
const MAX_JUDGED = 4096;

/** True for a field that never leaves the gateway in a proxied answer. */
export function isSecretField(key: string): boolean {
  const known = judged.get(key);
  if (known !== undefined) return known;
  const secret = judge(key);
  if (judged.size >= MAX_JUDGED) judged.clear();
  judged.set(key, secret);
  return secret;
}

/**
 * Returns a copy of a parsed JSON value without any secret field at any depth, matched without
 * regard to case (OWASP API3: the client is never trusted to filter data).
 */
export function stripSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (!isSecretField(key)) out[key] = stripSecrets(child);
    }
    return out;
  }
  return value;
}
