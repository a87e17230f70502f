import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAt } from '@/testing/render';
import { cellOf } from '@/testing/lock-table';
import { FAKE_ACCOUNTS, FakeTokens, fakeLocks, withSignIn } from '../../../test-support/fake-fleet';
import { type RunningGateway, signIn, startGateway } from '../../../test-support/gateway';
import { StandInUpstream, sendJson } from '../../../test-support/stand-in-upstream';
import { LocksPage } from './locks-page';

/**
 * A host that says a lock's connection state unclearly (null, "2", 2, "yes", or not at all): the
 * list says "Unknown" in words for that lock, never "Online" (nor "Offline"). The page runs against
 * a real gateway in front of a stand-in host on port 0, signed in as a manager.
 */
const template = fakeLocks()[0] as Record<string, unknown>;
const row = (lockid: string, online: unknown, absent = false) => {
  const r: Record<string, unknown> = { ...template, lockid, lockname: `Door ${lockid}`, lock_password: `secret-${lockid}` };
  if (absent) delete r.lock_online_status;
  else r.lock_online_status = online;
  return r;
};
const ROWS = [
  row('EMON01', 1),
  row('EMOFF2', 0),
  row('EMNUL3', null),
  row('EMSTR4', '2'),
  row('EMNUM5', 2),
  row('EMYES6', 'yes'),
  row('EMMIS7', undefined, true),
];
const UNKNOWN = ['EMNUL3', 'EMSTR4', 'EMNUM5', 'EMYES6', 'EMMIS7'];

let upstream: StandInUpstream;
let gateway: RunningGateway;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  const tokens = new FakeTokens();
  upstream = await new StandInUpstream(
    withSignIn((request, response) => {
      const url = new URL(request.url, 'http://host');
      if (!tokens.roleOf(request)) return sendJson(response, 401, { status: 0, msg: 'Sign in first' });
      if (url.pathname === '/api/locks') {
        return sendJson(response, 200, { status: 1, msg: '', totalCount: ROWS.length, totalPage: 1, currentPage: 1, lockslist: ROWS });
      }
      if (url.pathname === '/api/locks/summary') {
        return sendJson(response, 200, { status: 1, msg: '', summary: { total: ROWS.length, online: 1, offline: 1, unlocked: 0, lowbattery: 0 } });
      }
      return sendJson(response, 404, { status: 0, msg: 'Not found' });
    }, tokens),
  ).start();
  gateway = await startGateway(upstream.url);
  const session = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' && input.startsWith('/') ? `${gateway.url}${input}` : input;
    // jsdom's AbortSignal is not Node's; the browser would send the cookie.
    const { signal: _signal, headers, ...rest } = init ?? {};
    return realFetch(url, { ...rest, headers: { ...(headers as Record<string, string>), ...session } });
  };
}, 30_000);
afterAll(async () => {
  globalThis.fetch = realFetch;
  await gateway.close();
  await upstream.stop();
});

const rowOf = (lockid: string) => {
  const found = within(screen.getByRole('table', { name: 'Locks' }))
    .queryAllByRole('row')
    .find((r) => r.getAttribute('data-lockid') === lockid);
  if (!found) throw new Error(`no row for ${lockid}`);
  return found;
};
const connectionText = (lockid: string) => cellOf(rowOf(lockid), 'connection')?.textContent?.trim() ?? '';

describe('a lock whose connection state the host does not say clearly', { timeout: 30_000 }, () => {
  it('is "Unknown" in words in the list, not "Online"; 1 and 0 stay Online and Offline', async () => {
    renderAt(<LocksPage />, { url: '/locks' });
    await waitFor(() => expect(connectionText('EMMIS7')).not.toBe(''), { timeout: 10_000 });
    expect(connectionText('EMON01')).toBe('Online');
    expect(connectionText('EMOFF2')).toBe('Offline');
    for (const lockid of UNKNOWN) {
      expect(connectionText(lockid), lockid).toBe('Unknown');
      expect(rowOf(lockid).textContent, lockid).not.toMatch(/Online/);
    }
  });
});
