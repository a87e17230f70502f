import type { Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_USERS, type E2eServer, expect, lockRows, test } from './fixtures';

/**
 * Same-site request forgery (issue 8): a page on ANOTHER PORT of the same host is the same site for
 * SameSite cookies, so the manager's cookie goes along with whatever it sends. Only the gateway's
 * Origin and Fetch Metadata checks (and a canonical path before routing) stand in the way.
 */

// A session of the test's own: a forged sign-out that got through must not end the worker's shared one.
test.use({ role: null });

/** Serves fixed HTML pages from 127.0.0.1 on a port of its own: the attacker's site. */
async function attackerSite(pages: Record<string, string>) {
  const site = createServer((request, response) => {
    const html = pages[request.url ?? ''];
    response.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html ?? 'Not found');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(site.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => site.close(() => resolve())),
  };
}

/** A page that posts a `text/plain` form (no CORS preflight) as soon as it loads; the body even looks like JSON. */
const formPage = (action: string) => `<!doctype html>
<title>You won a prize</title>
<form method="post" enctype="text/plain" action="${action}">
  <input type="hidden" name='{"duration_s":3600,"x":"' value='"}'>
</form>
<script>document.forms[0].submit();</script>`;

/** A page that sends a credentialed no-cors fetch (the answer is opaque to it, but the request goes out). */
const fetchPage = (target: string) => `<!doctype html>
<title>Loading…</title>
<script>
  fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', credentials: 'include' })
    .then(() => { document.title = 'sent'; }, () => { document.title = 'refused'; });
</script>`;

function lockState(server: E2eServer, lockid: string) {
  return server.db.prepare('SELECT lock_open_status AS open FROM locks WHERE lockid = ?').get(lockid) as { open: number };
}

async function signIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO_USERS.manager.email);
  await page.getByLabel('Password').fill(DEMO_USERS.manager.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner').getByText(DEMO_USERS.manager.name)).toBeVisible();
}

test('a page on another port of the same host can neither unlock a door nor sign the manager out', async ({ page, context, server }) => {
  const { lockid } = server.db
    .prepare('SELECT lockid FROM locks WHERE lock_online_status = 1 AND lock_open_status = 0 ORDER BY lockid DESC LIMIT 1 OFFSET 40')
    .get() as { lockid: string };
  const lastEvent = (server.db.prepare('SELECT max(eventid) AS id FROM events').get() as { id: number }).id;

  await signIn(page);
  await expect(lockRows(page).first()).toBeVisible();
  const cookies = await context.cookies(server.url);
  expect(cookies.length).toBeGreaterThan(0);

  const attacks = [
    { name: '(a) a text/plain form to /api/locks/:id/unlock', path: '/form', target: `${server.url}/api/locks/${lockid}/unlock` },
    { name: '(b) the same form to /%61pi/locks/:id/unlock', path: '/encoded', target: `${server.url}/%61pi/locks/${lockid}/unlock` },
    { name: '(c) a no-cors fetch with credentials to /api/locks/:id/unlock', path: '/fetch', target: `${server.url}/api/locks/${lockid}/unlock` },
    { name: '(d) a text/plain form to /api/logout', path: '/logout', target: `${server.url}/api/logout` },
  ];
  const site = await attackerSite({
    '/form': formPage(attacks[0]!.target),
    '/encoded': formPage(attacks[1]!.target),
    '/fetch': fetchPage(attacks[2]!.target),
    '/logout': formPage(attacks[3]!.target),
  });
  const attacker = await context.newPage();
  try {
    for (const attack of attacks) {
      const sent = attacker.waitForRequest((r) => r.method() === 'POST' && r.url() === attack.target);
      await attacker.goto(`${site.url}${attack.path}`);
      const request = await sent;
      const response = await request.response();
      // The gateway answered. (A no-cors fetch never sees the answer: the browser withholds it from the
      // page for its Cross-Origin-Resource-Policy, which only happens once the answer came.)
      if (!response) expect(request.failure()?.errorText, attack.name).toMatch(/BLOCKED_BY_RESPONSE/);
      if (response) {
        // It came from the attacker's origin, with the manager's cookie (SameSite does not stop another
        // port). The browser reports the headers it sent only for a request whose answer it accepted.
        const headers = await request.allHeaders();
        expect(headers['origin'], attack.name).toBe(site.url);
        for (const cookie of cookies) expect(headers['cookie'] ?? '', `${attack.name} carries the session cookie`).toContain(`${cookie.name}=`);
      }
      // …and changed nothing.
      expect(lockState(server, lockid).open, `the lock is still locked after ${attack.name}`).toBe(0);
      const unlocks = server.db.prepare("SELECT count(*) AS n FROM events WHERE lockid = ? AND eventid > ? AND event_type = 'unlocked'").get(lockid, lastEvent) as { n: number };
      expect(unlocks.n, `no unlock event after ${attack.name}`).toBe(0);
      if (response) expect(response.status(), `${attack.name} is refused`).toBeGreaterThanOrEqual(400);
    }

    // The manager is still signed in: the dashboard keeps working after a reload, and the session is valid on the server.
    await page.reload();
    await expect(page.getByRole('banner').getByText(DEMO_USERS.manager.name)).toBeVisible();
    await expect(lockRows(page).first()).toBeVisible();
    const me = await page.request.get('/api/me');
    expect(me.status()).toBe(200);
    expect(lockState(server, lockid).open).toBe(0);
  } finally {
    await site.close();
    server.db.prepare('UPDATE locks SET lock_open_status = 0 WHERE lockid = ?').run(lockid);
  }
});
