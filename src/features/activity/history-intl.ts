import { portableIntl } from '@/lib/portable-intl';

/** The viewer's locale and zone (app/hooks/viewer-intl.tsx ViewerIntl): the server renders in them, and so does hydration. */
export interface HistoryIntl {
  timeZone: string;
  locale: string;
}

const exactFormats = new Map<string, Intl.DateTimeFormat>();
/** Date and time to the second in the viewer's locale and zone (as lib/format's formatExact, but for a given viewer). */
export function formatExactFor(ms: number, intl: HistoryIntl): string {
  const key = `${intl.locale} ${intl.timeZone}`;
  let format = exactFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intl.locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: intl.timeZone });
    exactFormats.set(key, format);
  }
  return portableIntl(format.format(ms));
}

export function ownIntl(): HistoryIntl {
  const { timeZone, locale } = Intl.DateTimeFormat().resolvedOptions();
  return { timeZone, locale };
}
