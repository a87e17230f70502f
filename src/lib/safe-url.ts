/**
 * A picture URL from the platform is shown only when it is a same-origin path or an http(s) URL
 * on the upstream's own origin; anything else (javascript:, data:, other hosts, garbage) is refused.
 */
export function safePictureUrl(raw: string | null, allowedOrigin: string | null): string | null {
  if (!raw) return null;
  const value = raw.trim();
  if (value.startsWith('/') && !value.startsWith('//') && !value.includes('\\')) {
    return value;
  }
  if (!allowedOrigin) return null;
  try {
    const url = new URL(value);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === allowedOrigin) return url.href;
  } catch {
    return null;
  }
  return null;
}
