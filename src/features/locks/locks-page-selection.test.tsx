import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { location, renderAt } from '@/testing/render';
import { startTestServer } from '@/testing/test-server';
import { LocksPage } from './locks-page';

/**
 * The page's selection, bulk bar, empty state and header as a manager sees them, against the
 * embedded platform: the behaviour that the page's state hook, toolbar and selection banner carry.
 */
const SLOW = { timeout: 10_000 };
// Each test opens its own list address: the gateway's answer store is shared by the process (see the report on issue 23 §5).

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ POLL_INTERVAL_MS: '60000' });
});
afterAll(() => server.close());

const rows = () =>
  within(screen.getByRole('table', { name: 'Locks' }))
    .queryAllByRole('row')
    .filter((r): r is HTMLTableRowElement => r.hasAttribute('data-lockid'));

describe('LocksPage selection and bulk bar (manager)', { timeout: 40_000 }, () => {
  it('selects the page, offers every matching lock, locks them and shows the results', async () => {
    const user = userEvent.setup();
    renderAt(<LocksPage />, { url: '/locks' });
    await waitFor(() => expect(rows()).toHaveLength(25), SLOW);
    expect(screen.getByRole('link', { name: 'Lock all…' })).toHaveAttribute('href', '/lockdown');

    await user.click(screen.getByRole('checkbox', { name: 'Select all on this page' }));
    expect(await screen.findByText(/All 25 on this page are selected\./, undefined, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Select all 240 matching' })).toBeInTheDocument();
    const bar = await screen.findByRole('region', { name: 'Selected locks' }, SLOW);
    expect(within(bar).getByText('25 selected')).toBeInTheDocument();

    await user.click(within(bar).getByRole('button', { name: 'Lock' }));
    expect(await within(bar).findByRole('heading', { name: /^Lock: \d+ locked/ }, SLOW)).toBeInTheDocument();
    await user.click(within(bar).getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(within(bar).queryByText('25 selected')).toBeNull(), SLOW);
    await user.click(within(bar).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Selected locks' })).toBeNull(), SLOW);
  });

  it('clears the selection with a notice when the search changes', async () => {
    const user = userEvent.setup();
    renderAt(<LocksPage />, { url: '/locks?page=2' });
    await waitFor(() => expect(rows()).toHaveLength(25), SLOW);
    await user.click(screen.getByRole('checkbox', { name: 'Select all on this page' }));
    await screen.findByText(/All 25 on this page are selected\./, undefined, SLOW);
    await user.type(screen.getByRole('searchbox', { name: 'Search locks' }), 'Server');
    expect(await screen.findByText('Selection cleared: the search or filters changed.', undefined, SLOW)).toBeInTheDocument();
  });

  it('says when nothing matches and clears the search and filters', async () => {
    const user = userEvent.setup();
    renderAt(<LocksPage />, { url: '/locks?q=zzzznothing&status=offline&limit=10' });
    expect(await screen.findByText('No locks match your search and filters.', undefined, SLOW)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    await waitFor(() => expect(location.current).toBe('/locks?limit=10'), SLOW);
    await waitFor(() => expect(rows()).toHaveLength(10), SLOW);
  });
});
