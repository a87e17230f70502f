import { PROBE_PATH } from '../server/gateway/signed-out';
import type { RunningGateway } from '../test-support/gateway';
import { StandInUpstream, forwardTo, sendJson } from '../test-support/stand-in-upstream';
import { cellOf, connectionCell, expect, extraGateway, lockRows, test } from './fixtures';

/** A gateway of its own in front of a stand-in upstream that the test can stop, break or restart. */
function gatewayBehind(standIn: StandInUpstream): Promise<RunningGateway> {
  return extraGateway(standIn.url, { mode: 'proxy', upstreamTimeoutMs: 2000 });
}

test.describe('when the upstream misbehaves', () => {
  test('a failed poll keeps the rows and says "Connection lost" until a poll succeeds again', async ({ page, server }) => {
    const standIn = await new StandInUpstream(forwardTo(server.platformUrl)).start();
    const gateway = await gatewayBehind(standIn);
    try {
      await page.goto(`${gateway.url}/locks`);
      await expect(lockRows(page)).toHaveCount(25);
      await standIn.stop();
      const banner = page.getByRole('alert').filter({ hasText: 'Connection lost — showing data from' });
      await expect(banner).toBeVisible({ timeout: 15_000 });
      await expect(banner).toContainText(/\d{2}:\d{2}:\d{2}/);
      await expect(lockRows(page)).toHaveCount(25);
      await standIn.start();
      await expect(banner).toBeHidden({ timeout: 15_000 });
      await expect(lockRows(page)).toHaveCount(25);
    } finally {
      await standIn.stop();
      await gateway.close();
    }
  });

  test('a status 0 answer shows its msg and "Try again"', async ({ page, server }) => {
    let broken = true;
    const forward = forwardTo(server.platformUrl);
    const standIn = await new StandInUpstream((request, response) =>
      // The gateway's probe of the token (signed-out.ts) is answered: this refusal is about the list, not the session.
      broken && request.url.startsWith('/api/locks?') && request.url !== PROBE_PATH
        ? sendJson(response, 200, { status: 0, msg: 'Your Plus Platform subscription has expired' })
        : forward(request, response),
    ).start();
    const gateway = await gatewayBehind(standIn);
    try {
      await page.goto(`${gateway.url}/locks`);
      await expect(page.getByText('Your Plus Platform subscription has expired')).toBeVisible();
      await expect(lockRows(page)).toHaveCount(0);
      const retried = page.waitForRequest((r) => r.url().includes('/api/locks?'));
      await page.getByRole('button', { name: 'Try again' }).click();
      await retried;
      await expect(page.getByText('Your Plus Platform subscription has expired')).toBeVisible();
      broken = false;
      await expect(lockRows(page)).toHaveCount(25, { timeout: 15_000 });
    } finally {
      await standIn.stop();
      await gateway.close();
    }
  });

  test('odd rows render as text with Unknown or —, and a row without a lockid is counted', async ({ page }) => {
    const odd = {
      status: 1,
      msg: '',
      totalCount: '4',
      totalPage: 9,
      currentPage: 1,
      lockslist: [
        {
          lockid: 'EMODD001',
          lockname: '<img src=x onerror="window.__xss=1"><b>Bold</b>',
          lock_open_status: '1',
          lock_online_status: 'maybe',
          battery_level: 150,
          temperature: 'n/a',
          lock_model: { nested: true },
          mac_address: null,
          lock_ssid: null,
          online_updated_date: 'not a date',
          lock_pic: 'javascript:window.__xss=2',
          lock_password: 'leaked-secret',
        },
        { lockid: 'EMODD002', lockname: 'Minus battery', battery_level: -1, temperature: 19, lock_online_status: 0, lock_open_status: 0 },
        { lockid: 'EMODD003', lockname: null, battery_level: '55', temperature: '21.5', lock_online_status: 1, lock_open_status: 0 },
        { lockname: 'No lockid at all' },
      ],
    };
    const standIn = await new StandInUpstream((request, response) =>
      request.url.startsWith('/api/locks?') ? sendJson(response, 200, odd) : sendJson(response, 404, { status: 0, msg: 'Not found' }),
    ).start();
    const gateway = await gatewayBehind(standIn);
    try {
      await page.goto(`${gateway.url}/locks`);
      await expect(lockRows(page)).toHaveCount(3);
      const table = page.getByRole('table', { name: 'Locks' });
      await expect(table.getByRole('rowheader').getByText('<img src=x onerror="window.__xss=1"><b>Bold</b>', { exact: true })).toBeVisible();
      await expect(page.getByText('1 row could not be shown')).toBeVisible();
      await expect(page.getByText('4 locks')).toBeVisible();
      await expect(page.getByText('Page 1 of 1')).toBeVisible();
      const first = lockRows(page).nth(0);
      await expect(connectionCell(first).getByText('Unknown', { exact: true })).toBeVisible();
      // An empty battery and an empty temperature read the same: "—" on screen, "Unknown" to a screen reader.
      await expect(cellOf(first, 'battery')).toHaveText('—Unknown');
      await expect(cellOf(first, 'temperature')).toHaveText('—Unknown');
      await expect(cellOf(first, 'battery').getByText('Unknown')).toHaveClass(/sr-only/);
      await expect(cellOf(lockRows(page).nth(1), 'battery')).toHaveText('—Unknown');
      await expect(lockRows(page).nth(2).getByText('Unnamed lock')).toBeVisible();
      await expect(lockRows(page).nth(2).getByText('55 %')).toBeVisible();
      const text = await table.innerText();
      for (const bad of ['null', 'undefined', 'NaN', '[object Object]', 'leaked-secret']) expect(text).not.toContain(bad);
      expect(await table.locator('img[src^="javascript"]').count()).toBe(0);
      expect(await table.locator('b').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    } finally {
      await standIn.stop();
      await gateway.close();
    }
  });

  test('first load shows skeleton rows while the platform is slow', async ({ page, server }) => {
    // The list is held at the platform until the test has seen the page waiting for it.
    const forward = forwardTo(server.platformUrl);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const standIn = await new StandInUpstream(async (request, response) => {
      if (request.url.startsWith('/api/locks?')) await held;
      await forward(request, response);
    }).start();
    const gateway = await gatewayBehind(standIn);
    try {
      await page.goto(`${gateway.url}/locks`);
      const table = page.getByRole('table', { name: 'Locks' });
      await expect(table).toHaveAttribute('aria-busy', 'true');
      await expect(table.locator('tbody tr[aria-hidden="true"]').first()).toBeVisible();
      await expect(lockRows(page)).toHaveCount(0);
      release();
      await expect(lockRows(page)).toHaveCount(25);
      await expect(table).toHaveAttribute('aria-busy', 'false');
    } finally {
      release();
      await standIn.stop();
      await gateway.close();
    }
  });

  test('an upstream without the lock detail endpoint still opens a lock, found with the documented list call', async ({ page, server }) => {
    const { lockid, lockname, open } = server.db
      .prepare('SELECT lockid, lockname, lock_open_status AS open FROM locks WHERE lock_online_status = 1 ORDER BY lockid DESC LIMIT 1 OFFSET 70')
      .get() as { lockid: string; lockname: string; open: number };
    const forward = forwardTo(server.platformUrl);
    const detailAsked: string[] = [];
    const standIn = await new StandInUpstream((request, response) => {
      if (/^\/api\/locks\/[^/?]+(\?|$)/.test(request.url) && !request.url.startsWith('/api/locks/summary')) {
        detailAsked.push(request.url);
        return sendJson(response, 404, { status: 0, msg: 'Not found' });
      }
      return forward(request, response);
    }).start();
    const gateway = await gatewayBehind(standIn);
    try {
      // Straight to the lock's address: no list page has it cached. The list call goes upstream from
      // the server's render of the page (or, had it not come in time, from the browser).
      await page.goto(`${gateway.url}/locks/${lockid}`);
      await expect(page.getByRole('heading', { level: 1, name: lockname })).toBeVisible();
      await expect(page.getByRole('definition').filter({ hasText: open ? /^Unlocked/ : /^Locked/ })).toBeVisible();
      expect(standIn.requests.filter((r) => r.url === `/api/locks?pagenumber=1&limit=100&searchkey=${lockid}`).length).toBeGreaterThan(0);
      expect(detailAsked.filter((url) => url.startsWith(`/api/locks/${lockid}`))).toEqual([]);

      await page.goto(`${gateway.url}/locks/EMNOPE42`);
      await expect(page.getByRole('heading', { name: 'No lock EMNOPE42 on this platform' })).toBeVisible();
    } finally {
      await standIn.stop();
      await gateway.close();
    }
  });

  test('an upstream without event history hides History and Activity with a note instead of failing', async ({ page, server }) => {
    const forward = forwardTo(server.platformUrl);
    const standIn = await new StandInUpstream((request, response) =>
      /^\/api\/(events|locks\/[^/]+\/events)/.test(request.url)
        ? sendJson(response, 404, { status: 0, msg: 'Not found' })
        : forward(request, response),
    ).start();
    const gateway = await gatewayBehind(standIn);
    try {
      await page.goto(`${gateway.url}/activity`);
      await expect(page.getByRole('heading', { name: 'Activity is not available' })).toBeVisible();
      await page.goto(`${gateway.url}/locks`);
      await lockRows(page).first().getByRole('rowheader').getByRole('link').click();
      await expect(page.getByRole('heading', { name: 'History is not available' })).toBeVisible();
      await expect(page.getByRole('table', { name: 'History' })).toHaveCount(0);
    } finally {
      await standIn.stop();
      await gateway.close();
    }
  });
});
