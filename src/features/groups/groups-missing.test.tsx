import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testAppConfig } from '@/testing/app-config';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { GroupPage } from './group-page';
import { GroupsPage } from './groups-page';

/**
 * A Plus Platform without group endpoints (`features.lockGroups: false`, which no embedded platform
 * can be made to say): the pages say so and never ask for groups. The settings and the session are
 * given to the cache up front; every request the pages would send is recorded.
 */
const config = testAppConfig({ timedUnlock: false, lockGroups: false, access: false }, { mode: 'proxy' });

function renderWithoutGroups(url: string) {
  const requests: string[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
    requests.push(String(input));
    return Promise.reject(new Error('no request expected'));
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(appConfigQuery.queryKey, config);
  queryClient.setQueryData(sessionQueries.me().queryKey, { user: { userid: 1, name: 'Demo Manager', email: 'manager@lockboard.local', role: 'manager' } });
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/groups" element={<GroupsPage />} />
          <Route path="/groups/:groupid" element={<GroupPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return requests;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('without the platform’s lock groups', () => {
  it('the groups page says so, offers no New group, and asks for no groups', async () => {
    const requests = renderWithoutGroups('/groups');
    expect(await screen.findByRole('heading', { name: 'Lock groups are not available' })).toBeInTheDocument();
    expect(screen.getByText(/This Plus Platform has no lock groups/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New group' })).toBeNull();
    expect(screen.queryByRole('table', { name: 'Groups' })).toBeNull();
    expect(requests).toEqual([]);
  });

  it('a group page says so too, and asks for nothing', async () => {
    const requests = renderWithoutGroups('/groups/3');
    expect(await screen.findByRole('heading', { name: 'Lock groups are not available' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
    expect(requests).toEqual([]);
  });
});
