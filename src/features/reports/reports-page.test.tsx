import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportQueries } from '@/api/reports';
import { ReportsPage } from './reports-page';
import { NOW, denials, forecast, renderReport, uptime, usage } from './reports-fixture';

afterEach(() => vi.unstubAllGlobals());

const last30 = { days: 30, limit: 5 };

function renderOverview() {
  return renderReport(<ReportsPage now={NOW} />, {
    url: '/reports',
    seed: (client) => {
      const due = Array.from({ length: 7 }, (_, i) => forecast(`EM${i + 1}`, { lockName: `Door ${i + 1}`, battery: 11 + i }));
      due[1] = forecast('EM2', { lockName: 'Door 2', battery: 9, criticalDate: '2026-11-24 12:00:00' });
      client.setQueryData(reportQueries.forecast({ dueWithinDays: 30 }).queryKey, { forecasts: due, totalCount: 7 });
      client.setQueryData(reportQueries.uptime(last30).queryKey, uptime());
      client.setQueryData(reportQueries.usage(last30).queryKey, usage({ total: 640 }));
      client.setQueryData(reportQueries.denials(last30).queryKey, denials());
    },
  });
}

const card = (name: string) => within(screen.getByRole('region', { name }));
const query = (href: string | null) => new URL(href ?? '', 'http://x').searchParams;

describe('the fleet overview', () => {
  it('Replace soon: how many are due within 30 days, and the first 5 with battery and due date', () => {
    renderOverview();
    const replace = card('Replace soon');
    expect(replace.getByText('locks due within 30 days').previousSibling).toHaveTextContent('7');
    const items = replace.getAllByRole('listitem');
    expect(items).toHaveLength(5);
    expect(items[0]).toHaveTextContent(/^Door 1: 11 %, due 2026-12-13 \(in \d+ days?\)$/);
    expect(items[1]).toHaveTextContent('Door 2: 9 %, due 2026-11-24 (overdue)');
    expect(replace.getByRole('link', { name: 'Replace soon report' })).toHaveAttribute('href', '/reports/battery');
    expect(replace.getByRole('link', { name: 'Locks with a low battery' })).toHaveAttribute('href', '/locks?status=lowbattery');
  });

  it('Reliability: fleet uptime, the locks offline longest, and the offline locks', () => {
    renderOverview();
    const reliability = card('Reliability, last 30 days');
    expect(reliability.getByText('98.75 %')).toBeInTheDocument();
    expect(reliability.getByRole('row', { name: /Loading dock/ })).toHaveTextContent('6 h');
    expect(reliability.getByRole('link', { name: 'Loading dock' })).toHaveAttribute('href', '/locks/EM7');
    expect(reliability.getByRole('link', { name: 'Locks offline now' })).toHaveAttribute('href', '/locks?status=offline');
  });

  it('Usage: door uses, the busiest doors and the week’s heat map', () => {
    renderOverview();
    const use = card('Usage, last 30 days');
    expect(use.getByText('640')).toBeInTheDocument();
    expect(use.getByRole('row', { name: /Front door/ })).toHaveTextContent('812');
    expect(use.getByRole('table', { name: 'Door uses by hour of the week' })).toHaveTextContent('57');
    expect(query(use.getByRole('link', { name: 'Door uses in Activity' }).getAttribute('href')).get('type')).toBe('unlocked');
  });

  it('Refused: the total, each reason in words, and a link to the refusals in Activity', () => {
    renderOverview();
    const refused = card('Refused, last 30 days');
    expect(refused.getByText('17')).toBeInTheDocument();
    expect(refused.getByRole('row', { name: /Outside allowed hours/ })).toHaveTextContent('11');
    expect(refused.getByRole('row', { name: /Access expired/ })).toHaveTextContent('6');
    const href = refused.getByRole('link', { name: 'Refusals in Activity' }).getAttribute('href') ?? '';
    expect(href.startsWith('/activity?')).toBe(true);
    const params = query(href);
    expect(params.get('type')).toBe('access_denied');
    const days = (Date.parse(params.get('to') ?? '') - Date.parse(params.get('from') ?? '')) / 86_400_000;
    expect(Math.round(days)).toBe(30);
  });

  it('says so on a platform without reports, and asks for nothing', () => {
    const { requests } = renderReport(<ReportsPage now={NOW} />, { url: '/reports', features: { reports: false } });
    expect(screen.getByRole('heading', { name: 'Reports are not available' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Replace soon' })).toBeNull();
    expect(requests).toEqual([]);
  });
});
