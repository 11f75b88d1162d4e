// The log's own troubles reach the officer on every screen (issue 13, item 4): a database with a damaged page starts
// read-only, and the banner names the newest good backup and the exact restore command. Real SQLite file damaged on
// disk, the real serve shell, Debian Chromium.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { listBackups } from '../../electron/core/log/backup';
import { launchChromium, screenshot, watchErrors } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/serve';
import { tmpDir } from '../helpers/tmp';

const ctx = { actor: 'tester', transport: 'test' as const };
let srv: ServeProcess;
let browser: Browser;
let file: string;

beforeAll(async () => {
  file = path.join(tmpDir('ercon-e2e-banner-'), 'console.sqlite');
  const core = createCore({ dbPath: file, open: { backups: false } });
  const { id } = await core.invoke('incidents.open', { planId: 'vaccine', title: '损坏测试' }, ctx);
  for (let i = 0; i < 300; i++) await core.invoke('incidents.note', { incidentId: id, text: `现场记录第${i}条，`.repeat(8) }, ctx);
  core.close();
  createCore({ dbPath: file }).close(); // today's daily backup, made while the file was good
  const raw = new BetterSqlite3(file);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const pages = raw.pragma('page_count', { simple: true }) as number;
  raw.close();
  // a damaged sector in the middle of the events
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize - 200, 0xa5), 0, pageSize - 200, Math.floor(pages * 0.6) * pageSize + 100);
  fs.closeSync(fd);
  srv = await startServe(['--db', file]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await srv?.stop();
});

describe('the core banner', () => {
  it('a damaged database: read-only, with the newest good backup and the restore command on every screen', async () => {
    const [backup] = listBackups(file);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const errors = watchErrors(page);
    await page.goto(srv.url);
    const banner = page.getByTestId('core-readonly');
    await banner.waitFor();
    expect(await banner.getAttribute('data-reason')).toBe('corrupt');
    expect(await banner.textContent()).toContain('已损坏');
    expect(await banner.textContent()).toContain(backup!.path);
    expect(await banner.textContent()).toContain(`ercon --db "${file}" restore "${backup!.path}"`);
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { name: '森林防火', exact: true }).waitFor();
    expect(await page.getByTestId('core-readonly').isVisible()).toBe(true);
    await screenshot(page, 'core-banner-corrupt');
    // the board may fail to read the damaged pages; what matters here is that nothing pretends all is well
    expect(errors.filter((e) => !/status of (4|5)\d\d/.test(e))).toEqual([]);
    await page.close();
  });
});
