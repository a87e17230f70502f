import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportQueries } from '@/api/reports';
import { NOW, denials, renderReport, usage } from './reports-fixture';
import { UsageReportPage } from './usage-page';

afterEach(() => vi.unstubAllGlobals());

const card = (name: string) => within(screen.getByRole('region', { name }));
const params = (link: HTMLElement) => new URL(link.getAttribute('href') ?? '', 'http://x').searchParams;

function renderUsage(url: string, filter: { days: number; groupid?: number; lockid?: string }) {
  return renderReport(<UsageReportPage now={NOW} />, {
    url,
    seed: (client) => {
      client.setQueryData(reportQueries.usage(filter).queryKey, usage({ total: 640 }));
      client.setQueryData(reportQueries.denials(filter).queryKey, denials());
    },
  });
}

describe('the usage report', () => {
  it('shows door uses by hour of the week, the busiest doors, and refusals by door and reason', () => {
    renderUsage('/reports/usage?period=90', { days: 90 });
    const use = card('Door use');
    expect(use.getByText('640')).toBeInTheDocument();
    expect(use.getByRole('table', { name: 'Door uses by hour of day and day of week' })).toHaveTextContent('57');
    expect(use.getByRole('row', { name: /Front door/ })).toHaveTextContent('812');
    const refused = card('Refused');
    expect(within(refused.getByRole('table', { name: 'Refusals by reason' })).getByRole('row', { name: /Outside allowed hours/ })).toHaveTextContent('11');
    const door = refused.getByRole('row', { name: /Server room/ });
    expect(door).toHaveTextContent('17');
    expect(door).toHaveTextContent('Outside allowed hours: 11, Access expired: 6');
  });

  it('links into Activity with the type, the period and the door', () => {
    renderUsage('/reports/usage?period=90', { days: 90 });
    const door = params(card('Refused').getByRole('link', { name: 'Server room: refusals in Activity' }));
    expect(door.get('type')).toBe('access_denied');
    expect(door.get('q')).toBe('EM3');
    expect(Math.round((Date.parse(door.get('to') ?? '') - Date.parse(door.get('from') ?? '')) / 86_400_000)).toBe(90);
    expect(params(card('Door use').getByRole('link', { name: 'Door uses in Activity' })).get('type')).toBe('unlocked');
  });

  it('narrows to one door, keeping the period and group, and back to every door', () => {
    renderUsage('/reports/usage?period=7&groupid=2', { days: 7, groupid: 2 });
    expect(card('Door use').getByRole('link', { name: 'Only Front door' })).toHaveAttribute('href', '/reports/usage?period=7&groupid=2&lockid=EM1');
  });

  it('for one door, says which, and links back to every door', () => {
    renderUsage('/reports/usage?period=7&lockid=EM1', { days: 7, lockid: 'EM1' });
    expect(screen.getByText(/^Door Front door/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Show every door' })).toHaveAttribute('href', '/reports/usage?period=7');
    expect(screen.queryByRole('link', { name: /^Only / })).toBeNull();
  });

  it('says so on a platform without reports', () => {
    const { requests } = renderReport(<UsageReportPage now={NOW} />, { url: '/reports/usage', features: { reports: false } });
    expect(screen.getByRole('heading', { name: 'Reports are not available' })).toBeInTheDocument();
    expect(requests).toEqual([]);
  });
});
