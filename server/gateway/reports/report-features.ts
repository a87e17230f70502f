/** A read of the platform as the discovery makes it: the body of a `200 {status: 1}` answer, else null. */
type Get = (path: string) => Promise<Record<string, unknown> | null>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A `series` object whose battery, temperature and online series are arrays (contract/reports.ts readingsSchema). */
function hasSeries(body: Record<string, unknown> | null): boolean {
  const series = body?.series;
  return isObject(series) && Array.isArray(series.battery) && Array.isArray(series.temperature) && Array.isArray(series.online);
}

/** Today (UTC) as a whole day: the cheapest report range there is. */
function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Issue 26's features, found by reading them (never a change): `readings` when the first lock's
 * readings answer a `series` (an empty fleet has no lock to ask about: not found until it has one);
 * `reports` when the battery forecast answers a `forecastslist` and the usage report a `usage`.
 */
export async function discoverReportFeatures(get: Get, lockid: string | null, now = new Date()): Promise<{ readings: boolean; reports: boolean }> {
  const day = today(now);
  const [readings, forecasts, usage] = await Promise.all([
    lockid === null ? Promise.resolve(null) : get(`/api/locks/${encodeURIComponent(lockid)}/readings?from=${day}&to=${day}`),
    get('/api/reports/battery-forecast?pagenumber=1&limit=1'),
    get(`/api/reports/usage?from=${day}&to=${day}`),
  ]);
  return {
    readings: hasSeries(readings),
    reports: Array.isArray(forecasts?.forecastslist) && isObject(usage?.usage),
  };
}
