import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportQueries } from '@/api/reports';
import { location } from '@/testing/render';
import { BatteryReportPage } from './battery-page';
import { NOW, forecast, renderReport } from './reports-fixture';

afterEach(() => vi.unstubAllGlobals());

const north = { groupid: 2, name: 'North site' };
const south = { groupid: 5, name: 'South site' };

function renderDue(url = '/reports/battery', params: { dueWithinDays: number; groupid?: number } = { dueWithinDays: 30 }, timezone = 'UTC') {
  return renderReport(<BatteryReportPage now={NOW} />, {
    url,
    timezone,
    seed: (client) =>
      client.setQueryData(reportQueries.forecast(params).queryKey, {
        totalCount: 3,
        forecasts: [
          forecast('EM1', { lockName: 'Gate', groups: [north, south], battery: 12, drainPerDay: 0.5, criticalDate: '2026-12-01 00:00:00' }),
          forecast('EM2', { lockName: 'Lobby', groups: [north], battery: 18, drainPerDay: 1.25, criticalDate: '2026-12-13 20:00:00' }),
          forecast('EM3', { lockName: 'Shed', groups: [], battery: null, drainPerDay: null, criticalDate: null }),
        ],
      }),
  });
}

const site = (name: string) => within(screen.getByRole('region', { name }));

describe('Replace soon', () => {
  it('lists the locks due by site: a lock in two groups under each, a lock in none under "No group"', () => {
    renderDue();
    expect(screen.getByRole('status')).toHaveTextContent('3 locks due within 30 days');
    expect(site('North site').getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['Gate', 'Lobby']);
    expect(site('South site').getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['Gate']);
    expect(site('No group').getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['Shed']);
    expect(screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'))).toEqual(['North site', 'South site', 'No group']);
  });

  it('shows battery, drain and the due date in the platform’s zone, and how far off it is', () => {
    renderDue(undefined, undefined, 'Pacific/Auckland');
    const lobby = site('North site').getByRole('row', { name: /Lobby/ });
    expect(lobby).toHaveTextContent('18 %');
    expect(lobby).toHaveTextContent('1.25 % a day');
    // 20:00 UTC on the 13th is the 14th in Auckland.
    expect(lobby).toHaveTextContent('2026-12-14 (in 5 days)');
    expect(site('South site').getByRole('row', { name: /Gate/ })).toHaveTextContent('overdue');
    expect(within(site('No group').getByRole('row', { name: /Shed/ })).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['—', '—', '—']);
  });

  it('links each lock to its page', () => {
    renderDue();
    expect(site('North site').getByRole('link', { name: 'Lobby' })).toHaveAttribute('href', '/locks/EM2');
  });

  it('offers the CSV of the same filters, and prints', () => {
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderDue('/reports/battery?days=14&groupid=2', { dueWithinDays: 14, groupid: 2 });
    expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', '/api/reports/battery-forecast/export.csv?due_within_days=14&groupid=2');
    expect(screen.getByRole('spinbutton', { name: 'Due within' })).toHaveValue(14);
    expect(screen.getByRole('combobox', { name: 'Group' })).toHaveValue('2');
    fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('keeps the days in the URL', () => {
    renderDue();
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Due within' }), { target: { value: '7' } });
    expect(location.current).toBe('/reports/battery?days=7');
    expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', '/api/reports/battery-forecast/export.csv?due_within_days=7');
  });

  it('says so on a platform without reports, and asks for nothing', () => {
    const { requests } = renderReport(<BatteryReportPage now={NOW} />, { url: '/reports/battery', features: { reports: false } });
    expect(screen.getByRole('heading', { name: 'Reports are not available' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Download CSV' })).toBeNull();
    expect(requests).toEqual([]);
  });
});
