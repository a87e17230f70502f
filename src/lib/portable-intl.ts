/**
 * Intl's text with the spaces that differ between ICU versions made one: the server renders with
 * Node's ICU, the browser hydrates with its own, and releases disagree on the spaces they put in
 * dates and numbers (Node's "1 – 7 Nov" has thin spaces around the dash where Chromium's has plain
 * ones; "1:05 PM" and French digit groups have a narrow no-break space in some releases, a no-break
 * or plain one in others). Any such difference in server-rendered text is a hydration error (#418).
 * A thin space becomes a plain space; a narrow no-break space a no-break space (it still never breaks).
 */
export function portableIntl(text: string): string {
  return text.replace(/\u2009/g, ' ').replace(/\u202f/g, '\u00a0');
}
