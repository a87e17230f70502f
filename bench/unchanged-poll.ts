import { request } from 'node:http';
import type { Browser } from 'playwright-core';

/** Bytes on the wire (status line, headers, body) of one GET. */
function wireBytes(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; etag: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'br, gzip', ...headers } }, (res) => {
      let bytes = 0;
      res.socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.resume();
      res.on('end', () => {
        const etag = res.headers.etag ?? null;
        resolve({ status: res.statusCode ?? 0, bytes, etag });
      });
    });
    req.setHeader('connection', 'close');
    req.on('error', reject);
    req.end();
  });
}

export async function benchUnchangedPoll(baseUrl: string) {
  const url = `${baseUrl}/api/locks?pagenumber=1&limit=25`;
  const full = await wireBytes(url, {});
  const again = await wireBytes(url, { 'if-none-match': full.etag ?? '' });
  return { fullBytes: full.bytes, unchangedStatus: again.status, unchangedBytes: again.bytes };
}

/** Watches the table through three polls in which nothing changes: how many DOM changes in its rows. */
export async function benchUnchangedPollRendering(browser: Browser, baseUrl: string, pollIntervalMs: number) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let polls = 0;
  page.on('response', (response) => {
    if (response.url().includes('/api/locks?')) polls += 1;
  });
  await page.goto(`${baseUrl}/locks`);
  await page.waitForSelector('table tbody tr[data-lockid]');
  const before = polls;
  await page.evaluate(() => {
    const w = window as unknown as { __mutations: number };
    w.__mutations = 0;
    const tbody = document.querySelector('table tbody');
    if (!tbody) throw new Error('no table');
    new MutationObserver((records) => (w.__mutations += records.length)).observe(tbody, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
  await page.waitForTimeout(pollIntervalMs * 3.5);
  const mutations = await page.evaluate(() => (window as unknown as { __mutations: number }).__mutations);
  await context.close();
  return { polls: polls - before, rowMutations: mutations };
}
