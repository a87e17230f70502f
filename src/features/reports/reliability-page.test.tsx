import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportQueries } from '@/api/reports';
import { location } from '@/testing/render';
import { ReliabilityReportPage } from './reliability-page';
import { renderReport, uptime } from './reports-fixture';

afterEach(() => vi.unstubAllGlobals());

const card = (name: string) => within(screen.getByRole('region', { name }));

describe('the reliability report', () => {
  it('shows the group’s uptime, its locks offline longest, uptime per group and when outages begin', () => {
    renderReport(<ReliabilityReportPage />, {
      url: '/reports/reliability?period=7&groupid=2',
      seed: (client) => client.setQueryData(reportQueries.uptime({ days: 7, groupid: 2 }).queryKey, uptime()),
    });
    expect(screen.getByRole('combobox', { name: 'Period' })).toHaveValue('7');
    expect(screen.getByRole('combobox', { name: 'Group' })).toHaveValue('2');
    const summary = card('Group uptime');
    expect(summary.getByText('98.75 %')).toBeInTheDocument();
    expect(summary.getByText('uptime of 40 locks')).toBeInTheDocument();
    expect(summary.getByRole('link', { name: 'The locks offline now' })).toHaveAttribute('href', '/locks?status=offline&group=2');
    const longest = card('Offline longest').getByRole('row', { name: /Loading dock/ });
    expect(longest).toHaveTextContent('6 h');
    expect(longest).toHaveTextContent('75 %');
    expect(within(longest).getByRole('link', { name: 'Loading dock' })).toHaveAttribute('href', '/locks/EM7');
    expect(card('Uptime per group').getByRole('row', { name: /North site/ })).toHaveTextContent('96.5 %');
    expect(card('When locks go offline').getByRole('table', { name: 'Outages by hour of day and day of week' })).toBeInTheDocument();
  });

  it('keeps the period in the URL', () => {
    renderReport(<ReliabilityReportPage />, {
      url: '/reports/reliability',
      seed: (client) => client.setQueryData(reportQueries.uptime({ days: 30 }).queryKey, uptime()),
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Period' }), { target: { value: '90' } });
    expect(location.current).toBe('/reports/reliability?period=90');
  });

  it('says so on a platform without reports', () => {
    const { requests } = renderReport(<ReliabilityReportPage />, { url: '/reports/reliability', features: { reports: false } });
    expect(screen.getByRole('heading', { name: 'Reports are not available' })).toBeInTheDocument();
    expect(requests).toEqual([]);
  });
});
