import { QueryClient } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appConfigQuery } from '@/api/app-config';
import { parseReadings, readingsQueries, utcPlatformDate } from '@/api/readings';
import { testAppConfig } from '@/testing/app-config';
import { renderAt } from '@/testing/render';
import { TrendsSection } from './trends-section';

const INTL = { timeZone: 'UTC', locale: 'en-GB' };
const DAY = 86_400_000;
/** Whole UTC days back from today, so that the points fall inside every range. */
const today = Math.floor(Date.now() / DAY) * DAY;
const dayAgo = (n: number) => today - n * DAY;
const when = (ms: number) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(ms).replace(/\u202f/g, '\u00a0');

const body = (series: { battery?: [number, number][]; temperature?: [number, number][]; online?: [number, number][] }) => ({
  status: 1,
  msg: 'ok',
  lockid: 'EM1',
  from: utcPlatformDate(dayAgo(7)),
  to: utcPlatformDate(today),
  step: 86_400,
  series: Object.fromEntries(['battery', 'temperature', 'online'].map((k) => [k, (series[k as keyof typeof series] ?? []).map(([ms, v]) => [utcPlatformDate(ms), v])])),
});
const seeded = body({
  battery: [[dayAgo(3), 64], [dayAgo(2), 63], [dayAgo(1), 62]],
  temperature: [[dayAgo(3), 20], [dayAgo(2), 22.5], [dayAgo(1), 21]],
  online: [[dayAgo(3), 1], [dayAgo(2), 0], [dayAgo(1), 1]],
});

/** The gateway at fetch: readings answer `readings()` (and are recorded), the history and alerts answer the markers. */
function fakeGateway(readings: (url: URL) => Response) {
  const asked: URL[] = [];
  const all: string[] = [];
  const json = (value: unknown) => new Response(JSON.stringify(value), { status: 200 });
  vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://lockboard.test');
    all.push(url.pathname);
    if (url.pathname === '/api/locks/EM1/readings') {
      asked.push(url);
      return Promise.resolve(readings(url));
    }
    if (url.pathname === '/api/locks/EM1/events') {
      const events = [
        { eventid: 5, lockid: 'EM1', event_type: 'unlocked', method: 'remote', actor: 'Demo Manager', event_date: utcPlatformDate(dayAgo(2) + 3_600_000) },
        { eventid: 6, lockid: 'EM1', event_type: 'unlocked', method: 'card', event_date: utcPlatformDate(dayAgo(2)) },
      ];
      return Promise.resolve(json({ status: 1, msg: 'ok', eventslist: events, totalCount: 2, totalPage: 1 }));
    }
    if (url.pathname === '/api/team-alerts') {
      const alerts = [{ alertid: 9, kind: 'offline', title: 'Lobby is offline', lockid: 'EM1', opened_date: utcPlatformDate(dayAgo(2) + 60_000) }];
      return Promise.resolve(json({ status: 1, msg: 'ok', alertslist: alerts }));
    }
    return Promise.resolve(new Response('{}', { status: 404 }));
  });
  return Object.assign(asked, { all });
}

function renderSection(readings = true, seed?: (client: QueryClient) => void) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig({ readings }));
  seed?.(client);
  renderAt(<TrendsSection lockid="EM1" intl={INTL} />, { client });
  return { client, user: userEvent.setup() };
}

const tableRows = (caption: string) => within(screen.getByRole('table', { name: caption })).getAllByRole('row').slice(1).map((row) => row.textContent);

afterEach(() => vi.unstubAllGlobals());

describe('Trends on a lock’s page', { timeout: 30_000 }, () => {
  it('shows each measure in words and, behind each chart, a table of the same points; commands and alerts listed', async () => {
    fakeGateway(() => new Response(JSON.stringify(seeded), { status: 200 }));
    renderSection();
    const section = within(screen.getByRole('region', { name: 'Trends' }));
    expect(await section.findByText('Battery 62 %, falling about 1 point a day.')).toBeInTheDocument();
    expect(section.getByText('Temperature 21 °C, between 20 and 22.5 °C over the last 7 days.')).toBeInTheDocument();
    expect(section.getByText('Online 66.7 % of the last 7 days, offline once; online at the last reading.')).toBeInTheDocument();
    expect(tableRows('Battery, the last 7 days')).toEqual([`${when(dayAgo(3))}64`, `${when(dayAgo(2))}63`, `${when(dayAgo(1))}62`]);
    expect(tableRows('Temperature, the last 7 days')).toEqual([`${when(dayAgo(3))}20`, `${when(dayAgo(2))}22.5`, `${when(dayAgo(1))}21`]);
    expect(tableRows('Online and offline, the last 7 days')).toEqual([
      `${when(dayAgo(3))}${when(dayAgo(2))}Online`,
      `${when(dayAgo(2))}${when(dayAgo(1))}Offline`,
      `${when(dayAgo(1))}${when(today)}Online`,
    ]);
    expect(await section.findByText(/1 alert \(solid red lines\) and 1 remote command/)).toBeInTheDocument();
    expect(tableRows('Remote commands and alerts, last 7 days')).toEqual([
      `${when(dayAgo(2) + 60_000)}Alert: Lobby is offline`,
      `${when(dayAgo(2) + 3_600_000)}Remote command: unlocked by Demo Manager`,
    ]);
  });

  it('reads a series placed in the cache through the factory’s key, and a range switch asks for 30 days', async () => {
    const days = (url: URL) => (Date.parse(`${url.searchParams.get('to')}Z`) - Date.parse(`${url.searchParams.get('from')}Z`)) / DAY;
    const asked = fakeGateway((url) => new Response(JSON.stringify(days(url) === 30 ? body({ battery: [[dayAgo(20), 90]] }) : seeded), { status: 200 }));
    const { user } = renderSection(true, (client) => client.setQueryData(readingsQueries.series({ lockid: 'EM1', range: '7d' }).queryKey, parseReadings(seeded, 'EM1')));
    // From the cache, at once.
    expect(screen.getByText('Battery 62 %, falling about 1 point a day.')).toBeInTheDocument();
    const thirty = screen.getByRole('button', { name: '30 days' });
    expect(thirty).toHaveAttribute('aria-pressed', 'false');
    await user.click(thirty);
    expect(thirty).toHaveAttribute('aria-pressed', 'true');
    expect(await screen.findByText('Battery 90 %.')).toBeInTheDocument();
    expect(asked.map(days)).toContain(30);
    expect(tableRows('Battery, the last 30 days')).toEqual([`${when(dayAgo(20))}90`]);
  });

  it('says when there are no readings in the period', async () => {
    const asked = fakeGateway(() => new Response(JSON.stringify(body({})), { status: 200 }));
    renderSection();
    expect(await screen.findByText('No readings in the last 7 days.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    // No charts, so nothing to mark: the history and the alerts are not asked for.
    expect(asked.all).toEqual(['/api/locks/EM1/readings']);
  });

  it('says why the readings could not be loaded, and Try again loads them', async () => {
    let fail = true;
    fakeGateway(() => (fail ? new Response(JSON.stringify({ status: 0, msg: 'The platform is busy' }), { status: 503 }) : new Response(JSON.stringify(seeded), { status: 200 })));
    const { user } = renderSection();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The trends could not be loaded.');
    expect(alert).toHaveTextContent('The platform is busy');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Battery 62 %, falling about 1 point a day.')).toBeInTheDocument();
  });

  it('is not shown, and asks for nothing, when the platform keeps no readings', () => {
    const asked = fakeGateway(() => new Response(JSON.stringify(seeded), { status: 200 }));
    renderSection(false);
    expect(screen.queryByRole('region', { name: 'Trends' })).toBeNull();
    expect(asked.all).toEqual([]);
  });
});
