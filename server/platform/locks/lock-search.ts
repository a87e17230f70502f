/**
 * Search keys for `GET /api/locks?searchkey=`: a case-insensitive substring of lockname, lockid,
 * lock_ssid, mac_address or lock_model.
 *
 * Every lock row carries `search_text`, the five fields ASCII-lowercased and joined by U+001F (a
 * character no search key may hold, so a match never spans two fields), ending in U+001F. Two
 * full-text indexes are kept over it by triggers:
 * - `locks_fts` (FTS5 trigram) answers keys of 3+ characters: the key is a phrase of trigrams.
 * - `locks_short` (FTS5, contentless) answers keys of 1–2 characters. Each lock is indexed as the
 *   list of its overlapping character pairs ("bigrams"), each encoded as a plain token, with a
 *   one-character prefix index: a 2-character key is one token, a 1-character key one prefix
 *   (every character starts a pair, thanks to the trailing U+001F).
 * A key is the same text both ways, so results do not change when a key grows past 2 characters.
 */

export const FIELD_SEPARATOR = '\u001f';

/** SQLite's `lower()` (without ICU) lowercases ASCII only; keys get the same treatment. */
export function asciiLower(value: string): string {
  return value.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** Trims the key and drops control characters; '' means no search. */
export function normalizeSearchKey(raw: string | undefined): string {
  if (raw === undefined) return '';
  // eslint-disable-next-line no-control-regex
  return asciiLower(raw.replace(/[\u0000-\u001f\u007f]/g, '')).trim();
}

/** Lowercase letters and digits stand for themselves; anything else is `_` + 4 base-36 digits. */
function charCode(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return ch;
  return `_${code.toString(36).padStart(4, '0')}`;
}

const ASCII_CODES = Array.from({ length: 128 }, (_, i) => charCode(String.fromCharCode(i)));

/**
 * The bigram tokens of a `search_text`, space separated (the SQL function `lock_bigrams` the
 * triggers call). Pairs starting with the field separator are left out: no key holds one.
 */
export function bigramTokens(searchText: string): string {
  let out = '';
  let prev = '';
  for (let index = 0; index < searchText.length; index += 1) {
    const unit = searchText.charCodeAt(index);
    let code: string;
    if (unit < 128) {
      code = ASCII_CODES[unit] as string;
    } else {
      const point = searchText.codePointAt(index) as number;
      if (point > 0xffff) index += 1;
      code = charCode(String.fromCodePoint(point));
    }
    if (prev !== '') out += out === '' ? prev + code : ` ${prev}${code}`;
    prev = unit === 31 ? '' : code;
  }
  return out;
}

export type SearchPlan =
  | { kind: 'none' }
  | { kind: 'trigram' | 'short'; key: string; table: 'locks_fts' | 'locks_short'; match: string };

/**
 * The filters that both indexes also know, as `search_state` markers: `n0`/`n1` online, `p0`/`p1`
 * open, `bl` battery below 21 (low), `bc` below 11 (critical). In `search_state` each marker sits
 * between U+0001 characters, so every trigram of that column holds a U+0001 and no typed key can
 * match it; the bigram index holds them as the words `zn0`, `zbl`, ... (3 letters: never a pair
 * token, which has 2, 6 or 10).
 */
export const BATTERY_MARKERS: ReadonlyMap<number, string> = new Map([
  [21, 'bl'],
  [11, 'bc'],
]);

/** How a normalized key is looked up: which index, and the FTS5 query (key AND markers). */
export function planSearch(key: string, markers: readonly string[] = []): SearchPlan {
  const chars = Array.from(key);
  if (chars.length === 0) return { kind: 'none' };
  if (chars.length >= 3) {
    const terms = [key.replaceAll('"', '""'), ...markers.map((m) => `\u0001${m}`)];
    return { kind: 'trigram', key, table: 'locks_fts', match: terms.map((t) => `"${t}"`).join(' AND ') };
  }
  const codes = chars.map(charCode);
  const term = codes.length === 1 ? `"${codes[0]}"*` : `"${codes.join('')}"`;
  return { kind: 'short', key, table: 'locks_short', match: [term, ...markers.map((m) => `"z${m}"`)].join(' AND ') };
}
