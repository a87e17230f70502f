import { QueryClient } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { testAppConfig } from '@/testing/app-config';
import { renderAt } from '@/testing/render';
import { PeopleCsvTools } from './people-csv-tools';

const CSV = 'name,email,department,roles\nAna Ruiz,ana@example.com,Ops,Night shift\nBo Li,bo@example.com,,Nigth shift\n';
const change = (line: number, action: string, name: string, roles: string[]) => ({ line, action, userid: null, name, email: null, department: null, roles });
const clean = { status: 1, msg: 'ok', dry_run: 1, changes: [change(2, 'create', 'Ana Ruiz', ['Night shift']), change(3, 'update', 'Bo Li', [])], errors: [] };
const refused = { status: 0, msg: '1 line has an error', dry_run: 1, changes: [change(2, 'create', 'Ana Ruiz', ['Night shift'])], errors: [{ line: 3, msg: "unknown role 'Nigth shift'" }] };

/** The gateway, faked at fetch: each import POST answers the next of `answers` (and is recorded with its body and type). */
function fakeGateway(answers: { status: number; body: unknown }[]) {
  const posts: { url: string; type: string; body: string }[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    posts.push({ url: String(input), type: new Headers(init?.headers).get('content-type') ?? '', body: String(init?.body) });
    const answer = answers[posts.length - 1] ?? { status: 500, body: { status: 0, msg: 'unexpected' } };
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status }));
  });
  return posts;
}

function renderTools(role: 'manager' | 'support', url = '/people', roles = true) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig({ roles }));
  client.setQueryData(sessionQueries.me().queryKey, { user: { userid: 1, name: 'Demo', email: `${role}@lockboard.local`, role } });
  renderAt(<PeopleCsvTools />, { client, url });
  return userEvent.setup();
}

afterEach(() => vi.unstubAllGlobals());

async function pasteAndDryRun(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Import CSV' }));
  const dialog = within(screen.getByRole('dialog', { hidden: true }));
  await user.click(dialog.getByRole('textbox', { name: 'Or paste it', hidden: true }));
  await user.paste(CSV);
  await user.click(dialog.getByRole('button', { name: 'Dry run', hidden: true }));
  return dialog;
}

describe('importing people from a CSV file', { timeout: 30_000 }, () => {
  it('a dry run first, line by line; Import only then, and the result', async () => {
    const posts = fakeGateway([{ status: 200, body: clean }, { status: 200, body: { ...clean, dry_run: 0 } }]);
    const user = renderTools('manager');
    const dialog = await pasteAndDryRun(user);
    expect(await dialog.findByText('Dry run: 1 to create, 1 to update, 0 unchanged. Nothing has changed yet.')).toBeInTheDocument();
    const rows = dialog.getAllByRole('row', { hidden: true }).map((r) => r.textContent);
    expect(rows).toEqual(['LineChangePersonRoles added', '2CreateAna RuizNight shift', '3UpdateBo Linone']);
    expect(posts).toEqual([{ url: '/api/people/import?dry_run=1', type: 'text/csv', body: CSV }]);
    await user.click(dialog.getByRole('button', { name: 'Import', hidden: true }));
    expect(await dialog.findByText('Imported: 1 created, 1 updated, 0 unchanged.')).toBeInTheDocument();
    expect(posts[1]).toEqual({ url: '/api/people/import', type: 'text/csv', body: CSV });
  });

  it('every error by its line, and no Import button while there is one', async () => {
    const posts = fakeGateway([{ status: 400, body: refused }]);
    const user = renderTools('manager');
    const dialog = await pasteAndDryRun(user);
    expect(await dialog.findByText("line 3: unknown role 'Nigth shift'")).toBeInTheDocument();
    expect(dialog.getByText(/nothing is imported until it is fixed/)).toBeInTheDocument();
    expect(dialog.queryByRole('button', { name: 'Import', hidden: true })).toBeNull();
    expect(posts).toHaveLength(1);
  });
});

describe('choosing the file', { timeout: 30_000 }, () => {
  it('sends the chosen file’s text, as text/csv, for the dry run', async () => {
    const posts = fakeGateway([{ status: 200, body: clean }]);
    const user = renderTools('manager');
    await user.click(screen.getByRole('button', { name: 'Import CSV' }));
    const dialog = within(screen.getByRole('dialog', { hidden: true }));
    await user.upload(dialog.getByLabelText('CSV file'), new File([CSV], 'people.csv', { type: 'text/csv' }));
    await vi.waitFor(() => expect(dialog.getByRole('textbox', { name: 'Or paste it', hidden: true })).toHaveValue(CSV));
    await user.click(dialog.getByRole('button', { name: 'Dry run', hidden: true }));
    await vi.waitFor(() => expect(posts).toEqual([{ url: '/api/people/import?dry_run=1', type: 'text/csv', body: CSV }]));
  });
});

describe('exporting people', () => {
  it('links to the export with the list’s filters; support exports but does not import', () => {
    fakeGateway([]);
    renderTools('support', '/people?q=ana&status=suspended&role=2&page=3');
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/api/people/export?searchkey=ana&status=suspended&roleid=2');
    expect(screen.queryByRole('button', { name: 'Import CSV' })).toBeNull();
  });

  it('is not shown without the platform’s roles', () => {
    fakeGateway([]);
    renderTools('manager', '/people', false);
    expect(screen.queryByRole('link', { name: 'Export CSV' })).toBeNull();
  });
});
