import { QueryClient } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appConfigQuery } from '@/api/app-config';
import { testAppConfig } from '@/testing/app-config';
import { renderAt } from '@/testing/render';
import { SendCodeButton } from './send-code-button';

/** The gateway, faked at fetch: `POST /api/grants/12/send` answers `answer` (and is counted). */
function fakeGateway(answer: { status: number; body: unknown }) {
  const sent: string[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push(`${init?.method ?? 'GET'} ${String(input)}${init?.body ? ` ${String(init.body)}` : ''}`);
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status }));
  });
  return sent;
}

function renderButton(lastSent: string | null = null) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig({ passes: true }));
  renderAt(<SendCodeButton grantid={12} userid={7} who="Ana Ruiz" lastSent={lastSent} />, { client });
  return userEvent.setup();
}

afterEach(() => vi.unstubAllGlobals());

describe('sending a keypad grant’s code', { timeout: 30_000 }, () => {
  it('asks first (the old code stops working), then says where it went and when — never the code', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 11, 7, 11, 0) });
    const calls = fakeGateway({ status: 200, body: { status: 1, msg: 'ok', sent: { to: 'a…@example.com', date: '2026-12-07 10:42:09' } } });
    const user = renderButton();
    await user.click(screen.getByRole('button', { name: 'Send code to Ana Ruiz' }));
    expect(screen.getByRole('heading', { name: 'Send Ana Ruiz a new keypad code?', hidden: true })).toBeInTheDocument();
    expect(screen.getByText(/the old one stops working/)).toBeInTheDocument();
    expect(calls).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Send a new code', hidden: true }));
    expect(await screen.findByText('Code sent to a…@example.com at 10:42')).toBeInTheDocument();
    expect(calls).toEqual(['POST /api/grants/12/send {"userid":7}']);
    vi.useRealTimers();
  });

  it('without an e-mail address (409) says to add one first', async () => {
    fakeGateway({ status: 409, body: { status: 0, msg: 'Ana Ruiz has no e-mail address: add an e-mail address first.' } });
    const user = renderButton();
    await user.click(screen.getByRole('button', { name: 'Send code to Ana Ruiz' }));
    await user.click(screen.getByRole('button', { name: 'Send a new code', hidden: true }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Ana Ruiz has no e-mail address: add an e-mail address first.');
    expect(screen.queryByText(/Code sent/)).toBeNull();
  });

  it('says when the code was last sent, on a later visit, until a new one goes', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 11, 7, 11, 0) });
    fakeGateway({ status: 200, body: { status: 1, msg: 'ok', sent: { to: 'a…@example.com', date: '2026-12-07 10:58:00' } } });
    const user = renderButton('2026-12-06 09:15:00');
    expect(screen.getByRole('status')).toHaveTextContent('Code last sent on 2026-12-06 at 09:15');
    await user.click(screen.getByRole('button', { name: 'Send code to Ana Ruiz' }));
    await user.click(screen.getByRole('button', { name: 'Send a new code', hidden: true }));
    expect(await screen.findByText('Code sent to a…@example.com at 10:58')).toBeInTheDocument();
    expect(screen.queryByText(/last sent/)).toBeNull();
    vi.useRealTimers();
  });
});
