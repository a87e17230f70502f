import { StandInUpstream, forwardTo, sendJson } from '../test-support/stand-in-upstream';
import { DEMO_USERS, expect, extraGateway, lockRows, test } from './fixtures';

test.describe('a host that reports an expired token as HTTP 200 with status 0', () => {
  test.use({ role: null });

  test('returns to sign-in saying the session has expired, instead of polling "Connection lost" forever', async ({ page, server }) => {
    const forward = forwardTo(server.platformUrl);
    // Tokens the host has expired: every request carrying one gets the vendor's failure, in its own words.
    const expired = new Set<string>();
    const standIn = await new StandInUpstream((request, response) => {
      const auth = request.headers.authorization;
      if (auth && expired.has(auth)) return sendJson(response, 200, { status: 0, msg: 'Token is expired, please login again' });
      return forward(request, response);
    }).start();
    const gateway = await extraGateway(standIn.url, { mode: 'proxy', upstreamTimeoutMs: 2000 });
    const signIn = async () => {
      await page.getByLabel('Email').fill(DEMO_USERS.manager.email);
      await page.getByLabel('Password').fill(DEMO_USERS.manager.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    };
    try {
      await page.goto(`${gateway.url}/locks?page=2`);
      await signIn();
      await expect(page).toHaveURL(/\/locks\?page=2$/);
      await expect(lockRows(page)).toHaveCount(25);

      for (const request of standIn.requests) if (request.headers.authorization) expired.add(request.headers.authorization);
      await expect(page).toHaveURL(/\/login\?next=%2Flocks%3Fpage%3D2&reason=expired/, { timeout: 20_000 });
      await expect(page.getByText('Your session has expired. Sign in again to continue.')).toBeVisible();
      await expect(page.getByText(/Connection lost/)).toHaveCount(0);

      // A new sign-in gets a new token, which the host takes: back where the person was.
      await signIn();
      await expect(page).toHaveURL(/\/locks\?page=2$/);
      await expect(lockRows(page)).toHaveCount(25);
    } finally {
      await standIn.stop();
      await gateway.close();
    }
  });
});
