import { toPlatformDate } from '../../../contract/envelope';
import { MAX_REPORT_DAYS } from '../../../contract/reports';
import { HttpError } from '../http/errors';

const DAY_MS = 86_400_000;

/** A report's period: from `from` to `to` inclusive, to the second (UTC). */
export interface ReportPeriod {
  /** "YYYY-MM-DD HH:mm:ss" as answered. */
  from: string;
  to: string;
  fromMs: number;
  /** The second after `to`: the period is [fromMs, endMs). */
  endMs: number;
}

const asMs = (date: string) => Date.parse(`${date.replace(' ', 'T')}Z`);

/** Reads `from`/`to` (a whole day stands for its start as `from`, its end as `to`); 400 when out of order or too far apart. */
export function reportPeriod(from: string, to: string): ReportPeriod {
  const fromDate = from.length === 10 ? `${from} 00:00:00` : from;
  const toDate = to.length === 10 ? `${to} 23:59:59` : to;
  const fromMs = asMs(fromDate);
  const endMs = asMs(toDate) + 1000;
  if (Number.isNaN(fromMs)) throw new HttpError(400, 'from must be a date "YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss"');
  if (Number.isNaN(endMs)) throw new HttpError(400, 'to must be a date "YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss"');
  if (endMs <= fromMs) throw new HttpError(400, 'to must not be before from');
  if (endMs - 1000 - fromMs > MAX_REPORT_DAYS * DAY_MS) throw new HttpError(400, `from and to must be at most ${MAX_REPORT_DAYS} days apart`);
  return { from: toPlatformDate(new Date(fromMs)), to: toPlatformDate(new Date(endMs - 1000)), fromMs, endMs };
}

/** Percentage with two decimals, within 0–100. */
export const percent = (share: number) => Math.min(100, Math.max(0, Math.round(share * 10_000) / 100));
