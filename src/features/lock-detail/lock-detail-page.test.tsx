import { screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAt } from '@/testing/render';
import { startTestServer } from '@/testing/test-server';
import { LockDetailPage } from './lock-detail-page';

/** One lock as a manager sees it, against the embedded platform. */
const SLOW = { timeout: 10_000 };

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ POLL_INTERVAL_MS: '60000' });
});
afterAll(() => server.close());

describe('LockDetailPage (manager)', { timeout: 30_000 }, () => {
  it('shows the lock, its facts, remote control, password and audit link', async () => {
    const lock = server.db.prepare('SELECT lockid, lockname, lock_model FROM locks ORDER BY id LIMIT 1').get() as { lockid: string; lockname: string; lock_model: string };
    renderAt(<LockDetailPage lockid={lock.lockid} />, { url: `/locks/${lock.lockid}` });
    expect(await screen.findByRole('heading', { level: 1, name: lock.lockname }, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Locks' })).toHaveAttribute('href', '/locks');
    const facts = screen.getByText('Lock ID').closest('dl');
    if (!facts) throw new Error('no facts list');
    for (const term of ['Lock ID', 'Model', 'Groups', 'Connection', 'Lock state', 'Battery', 'Temperature', 'MAC address', 'SSID', 'Password']) {
      expect(within(facts).getByText(term, { selector: 'dt' })).toBeInTheDocument();
    }
    expect(within(facts).getByText(lock.lockid)).toBeInTheDocument();
    expect(within(facts).getByText(lock.lock_model)).toBeInTheDocument();
    const remote = screen.getByRole('region', { name: 'Remote control' });
    expect(within(remote).getByRole('heading', { name: 'Remote control' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Audit trail' })).toHaveAttribute('href', `/audit?lockid=${encodeURIComponent(lock.lockid)}`);
  });

  it('says there is no such lock for an address that names none', async () => {
    renderAt(<LockDetailPage lockid="NOSUCH99" />, { url: '/locks/NOSUCH99' });
    expect(await screen.findByRole('heading', { level: 1, name: 'No lock NOSUCH99 on this platform' }, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the locks' })).toHaveAttribute('href', '/locks');
  });

  it('refuses an implausible address without asking the platform', () => {
    renderAt(<LockDetailPage lockid="a/b" />, { url: '/locks/a%2Fb' });
    expect(screen.getByRole('heading', { level: 1, name: 'No lock a/b on this platform' })).toBeInTheDocument();
  });
});
