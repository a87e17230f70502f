import { connect } from 'node:net';
import type { Browser } from 'playwright-core';
import type { BenchServer } from './harness';

/** Bytes on the wire (status line, headers, body) of one GET, counted on a raw socket. */
function wireBytes(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; etag: string | null }> {
  const { hostname, port, pathname, search } = new URL(url);
  const lines = [`GET ${pathname}${search} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Accept-Encoding: br, gzip', 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const raw = Buffer.concat(chunks);
      const head = raw.toString('latin1', 0, raw.indexOf('\r\n\r\n'));
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        bytes: raw.length,
        etag: /^etag: (.+)$/im.exec(head)?.[1]?.trim() ?? null,
      });
    });
  });
}

export async function benchUnchangedPoll(server: BenchServer) {
  const url = `${server.url}/api/locks?pagenumber=1&limit=25`;
  const full = await wireBytes(url, { cookie: server.cookie });
  const again = await wireBytes(url, { cookie: server.cookie, 'if-none-match': full.etag ?? '' });
  return { fullBytes: full.bytes, unchangedStatus: again.status, unchangedBytes: again.bytes };
}

/** Watches the table through three polls in which nothing changes: how many DOM changes in its rows. */
export async function benchUnchangedPollRendering(browser: Browser, server: BenchServer, pollIntervalMs: number) {
  const context = await browser.newContext(server.contextOptions);
  const page = await context.newPage();
  let polls = 0;
  page.on('response', (response) => {
    if (response.url().includes('/api/locks?')) polls += 1;
  });
  await page.goto(`${server.url}/locks`);
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
