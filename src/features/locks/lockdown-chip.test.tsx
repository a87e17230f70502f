import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Lock } from '@/api/locks';
import { readLockListView, toLockListParams, writeLockListView } from './lock-list-view';
import { LocksTable } from './locks-table';
import { locksTableProps } from './locks-table-fixture';
import { StatusFilters } from './status-filters';

const SUMMARY = { total: 40, online: 38, offline: 2, unlocked: 3, lowbattery: 1, lockdown: 12 };
const read = (query: string) => readLockListView(new URLSearchParams(query));

describe('the Lockdown chip', () => {
  it('shows the summary’s lockdown count and turns the filter on', async () => {
    const onChange = vi.fn();
    render(<StatusFilters value={['offline']} filtered={SUMMARY} unfiltered={SUMMARY} onChange={onChange} lockdowns />);
    const chip = screen.getByRole('button', { name: 'Lockdown 12' });
    expect(chip).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(chip);
    expect(onChange).toHaveBeenCalledWith(['offline', 'lockdown']);
  });

  it('is not offered by a platform without lockdowns', () => {
    render(<StatusFilters value={[]} filtered={SUMMARY} unfiltered={SUMMARY} onChange={() => {}} />);
    expect(screen.queryByRole('button', { name: /Lockdown/ })).toBeNull();
  });

  it('lives in the URL as the other chips do and asks the platform for lockdown=1 where it has lockdowns', () => {
    expect(writeLockListView(new URLSearchParams('page=2'), { status: ['lockdown', 'offline'] }).toString()).toBe('status=offline%2Clockdown');
    expect(read('status=lockdown').status).toEqual(['lockdown']);
    expect(toLockListParams(read('status=lockdown'), { lockFilters: true, lockdowns: true })).toEqual({ pagenumber: 1, limit: 25, lockdown: 1 });
    expect(toLockListParams(read('status=lockdown'), { lockFilters: true, lockdowns: false })).toEqual({ pagenumber: 1, limit: 25 });
  });
});

const lock = (over: Partial<Lock>): Lock => ({
  lockid: 'EM1',
  name: 'Front door',
  online: true,
  open: false,
  battery: 80,
  temperature: null,
  model: null,
  mac: null,
  ssid: null,
  lastSeen: null,
  picture: null,
  relockAt: null,
  lockdown: false,
  groups: [],
  ...over,
});

describe('the Lockdown badge in the list', () => {
  it('marks, in words, the rows a lockdown holds and no others', () => {
    render(
      <MemoryRouter>
        <LocksTable {...locksTableProps([lock({ lockid: 'EM1', name: 'Front door', lockdown: true }), lock({ lockid: 'EM2', name: 'Back door' })], 'manager')} />
      </MemoryRouter>,
    );
    const [held, free] = ['EM1', 'EM2'].map((id) => document.querySelector<HTMLElement>(`tr[data-lockid="${id}"]`));
    if (!held || !free) throw new Error('rows missing');
    expect(within(held).getByText('Lockdown')).toBeInTheDocument();
    expect(within(free).queryByText('Lockdown')).toBeNull();
  });
});
