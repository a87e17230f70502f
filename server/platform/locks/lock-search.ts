/**
 * Search keys for `GET /api/locks?searchkey=`: every word of the key (split at white space) must be
 * a case-insensitive substring of one of lockname, lockid, lock_ssid, mac_address or lock_model
 * (each word may match a different field). The characters a MAC is written with (`:`, `-`, `.`)
 * and apostrophes are ignored on both sides, so "A4C138", "a4-c1-38" and "a4:c1:38" all find
 * "A4:C1:38:D7:57:B3".
 *
 * Every lock row carries `search_text`, the five fields ASCII-lowercased and joined by U+001F (a
 * character no search key may hold, so a match never spans two fields), ending in U+001F. What the
 * indexes hold is that text without the ignored characters (`searchableText`). Two full-text indexes
 * are kept over it by triggers, both contentless (they give rowids only):
 * - `locks_fts` (FTS5 trigram) answers keys whose words all have 3+ characters: each word is a
 *   phrase of trigrams, the words ANDed.
 * - `locks_bigram` answers keys holding a word of 1–2 characters. Each lock is indexed as the
 *   sequence of its overlapping character pairs ("bigrams"), each encoded as a plain token, with
 *   positions and a one-character prefix index: a word of 2+ characters is a phrase of its pairs
 *   (consecutive pairs spell exactly that substring), a 1-character word one prefix (every
 *   character starts a pair, thanks to the trailing U+001F).
 * A word is the same text both ways, so results do not change with the index a key is sent to.
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

/**
 * Characters the search ignores on both sides: those MACs are written with (`:`, `-`, `.`), and
 * apostrophes, so that "o'connor" finds "O’Connor".
 */
const IGNORED = /[:.\-'\u2019]/g;

/** SQL for the text the indexes hold (and the words are looked for in), from a text expression. */
export const searchableText = (text: string) =>
  `replace(replace(replace(replace(replace(${text}, ':', ''), '-', ''), '.', ''), '''', ''), char(8217), '')`;

/**
 * The words a key must all match: normalized, without the ignored characters, each once, and
 * without a word that another word contains (it matches wherever that one does). [] = no search.
 */
export function searchWords(raw: string | undefined): string[] {
  const words = [...new Set(normalizeSearchKey(raw).split(/\s+/).map((w) => w.replace(IGNORED, '')).filter(Boolean))];
  return words.filter((w, i) => !words.some((other, j) => j !== i && other.length > w.length && other.includes(w)));
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
  | { kind: 'trigram' | 'bigram'; words: string[]; table: 'locks_fts' | 'locks_bigram'; match: string };

/**
 * The filters that both indexes also know, as `search_state` markers: `n0`/`n1` online, `p0`/`p1`
 * open, `bl` battery below 21 (low), `bc` below 11 (critical). In `search_state` each marker sits
 * between U+0001 characters, so every trigram of that column holds a U+0001 and no typed key can
 * match it; the bigram index holds them as the words `_zzzzn0`, `_zzzzbl`, ...: `_zzzz` is no
 * character's code (36^4 > U+10FFFF), so neither a pair nor a one-character prefix query (`"z"*`)
 * can reach a marker.
 */
export const BATTERY_MARKERS: ReadonlyMap<number, string> = new Map([
  [21, 'bl'],
  [11, 'bc'],
]);
export const BIGRAM_MARKER_PREFIX = '_zzzz';

/** SQL for what the bigram index holds for a row: its pairs, then its markers as words. */
export const bigramDocument = (searchText: string, searchState: string) =>
  `lock_bigrams(${searchableText(searchText)}) || replace(${searchState}, char(1), ' ${BIGRAM_MARKER_PREFIX}')`;

/** How a key's words (see searchWords) are looked up: which index, and the FTS5 query (words AND markers). */
export function planSearch(words: readonly string[], markers: readonly string[] = []): SearchPlan {
  if (words.length === 0) return { kind: 'none' };
  if (words.every((w) => Array.from(w).length >= 3)) {
    const terms = [...words.map((w) => w.replaceAll('"', '""')), ...markers.map((m) => `\u0001${m}`)];
    return { kind: 'trigram', words: [...words], table: 'locks_fts', match: terms.map((t) => `"${t}"`).join(' AND ') };
  }
  const terms = words.map((w) => {
    const chars = Array.from(w);
    return chars.length === 1 ? `"${charCode(w)}"*` : `"${bigramTokens(w)}"`;
  });
  return {
    kind: 'bigram',
    words: [...words],
    table: 'locks_bigram',
    match: [...terms, ...markers.map((m) => `"${BIGRAM_MARKER_PREFIX}${m}"`)].join(' AND '),
  };
}
