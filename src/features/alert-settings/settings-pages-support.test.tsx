import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionQueries } from '@/api/session';
import { testAppConfig } from '@/testing/app-config';
import { appConfigQuery } from '@/api/app-config';
import { ContactsPage } from './contacts-page';
import { OutboxPage } from './outbox-page';

/**
 * A support account on the manager-only settings pages: they say so and ask the server for nothing
 * (contacts and kept mail are personal data). The session is given to the cache up front; every
 * request the pages would send is recorded.
 */
function renderAsSupport(page: ReactNode) {
  const requests: string[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
    requests.push(String(input));
    return Promise.reject(new Error('no request expected'));
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(appConfigQuery.queryKey, testAppConfig());
  queryClient.setQueryData(sessionQueries.me().queryKey, { user: { userid: 2, name: 'Demo Support', email: 'support@lockboard.local', role: 'support' } });
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>{page}</MemoryRouter>
    </QueryClientProvider>,
  );
  return requests;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a support account', () => {
  it('is told that contacts are for managers, with no Add contact and no request', async () => {
    const requests = renderAsSupport(<ContactsPage />);
    expect(await screen.findByRole('heading', { name: 'Only managers can see contacts' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Alerts' })).toHaveAttribute('href', '/alerts');
    expect(screen.queryByRole('button', { name: 'Add contact' })).toBeNull();
    expect(requests).toEqual([]);
  });

  it('is told that the outbox is for managers, and nothing is asked for', async () => {
    const requests = renderAsSupport(<OutboxPage />);
    expect(await screen.findByRole('heading', { name: 'Only managers can see the outbox' })).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Kept mail' })).toBeNull();
    expect(requests).toEqual([]);
  });
});
