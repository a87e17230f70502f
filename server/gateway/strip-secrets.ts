/** Words that make a field a secret wherever they appear in its name (`lock_password`, `accessToken`, `PIN`). */
const SECRET_WORDS = new Set([
  'password',
  'passwords',
  'passwd',
  'pwd',
  'passcode',
  'passcodes',
  'pin',
  'pins',
  'pincode',
  'secret',
  'secrets',
  'token',
  'tokens',
  'apikey',
]);

/** `lock_password` → [lock, password]; `accessToken` → [access, token]; `PIN-code` → [pin, code]. */
function wordsOf(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
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
  const words = wordsOf(key);
  const secret = words.some((word) => SECRET_WORDS.has(word)) || SECRET_WORDS.has(words.join(''));
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
