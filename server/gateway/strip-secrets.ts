/** Fields that never leave the gateway, wherever they appear in an upstream answer. */
const SECRET_FIELDS = new Set(['lock_password']);

/**
 * Returns a copy of a parsed JSON value without any secret field at any depth
 * (OWASP API3: the client is never trusted to filter data).
 */
export function stripSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (!SECRET_FIELDS.has(key)) out[key] = stripSecrets(child);
    }
    return out;
  }
  return value;
}
