import { escapeHtml } from '../../delivery/compose';
import type { PersonMailMessage } from '../../delivery/person-mail';

/** What a code's mail says besides the code: where it works and when. */
export interface CodeMailFacts {
  to: string;
  name: string;
  /** The doors and groups, in words ("HQ · Lobby", "the group Depot"). */
  places: string[];
  /** Wall-clock dates in `zone`, or null for "from now" / "until ended". */
  from: string | null;
  until: string | null;
  /** Hours on the days the grant allows, e.g. "Mon–Fri 08:00–18:00", or null. */
  hours: string | null;
  zone: string;
}

/** The site a mail names: PUBLIC_URL's host (there is no other name for a Lockboard install). */
export function siteName(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'Lockboard';
  } catch {
    return 'Lockboard';
  }
}

function lines(facts: CodeMailFacts, code: string, site: string): string[] {
  const window = facts.from || facts.until ? `Valid: ${facts.from ? `from ${facts.from}` : 'from now'} ${facts.until ? `until ${facts.until}` : 'until it is ended'} (${facts.zone})` : null;
  return [
    `Hello ${facts.name},`,
    '',
    `Your door code for ${site} is: ${code}`,
    '',
    `Doors: ${facts.places.length ? facts.places.join(', ') : 'as arranged'}`,
    ...(window ? [window] : []),
    ...(facts.hours ? [`Hours: ${facts.hours}`] : []),
    '',
    'Type the code on the door’s keypad. Keep it to yourself: anyone with it can open these doors.',
    'A new code, if one is sent, replaces this one.',
  ];
}

/** The mail carrying a keypad code (a visitor pass's, or a grant's): plain text and HTML. */
export function codeMail(facts: CodeMailFacts, code: string, publicUrl: string): PersonMailMessage {
  const site = siteName(publicUrl);
  const body = lines(facts, code, site);
  const html = `<!doctype html><html><body style="font-family:sans-serif">\n${body.map((l) => (l === '' ? '<br>' : `<p>${escapeHtml(l)}</p>`)).join('\n')}\n</body></html>`;
  return { to: facts.to, subject: `Your door code for ${site}`, text: `${body.join('\n')}\n`, html };
}
