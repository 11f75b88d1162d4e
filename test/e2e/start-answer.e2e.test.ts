/**
 * The board's answer inside the page (issue 17, shared/api/startAnswer.ts), in Debian's Chromium over the real serve
 * shell and SQLite: the board draws from it without asking for it, and an incident recorded on another workstation
 * between the page and its change stream still reaches the board (the stream's `missed`).
 */
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { signedInPage, startConsole, type TestConsole } from '../helpers/console';

let browser: Browser;
let c: TestConsole;

beforeAll(async () => {
  c = await startConsole('start-answer', '2026-12-01T02:00:00.000Z');
  await c.call('incidents.open', { planId: 'vaccine', title: '页面里带来的事件' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await c?.close();
});

async function newPage(): Promise<{ page: Page; errors: string[]; boardAsked: (status?: string) => number }> {
  const { page, errors } = await signedInPage(browser, c);
  const asked: Request[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/cmd/console.board')) asked.push(r);
  });
  return { page, errors, boardAsked: (status = 'open') => asked.filter((r) => JSON.parse(r.postData() ?? '{}').status === status).length };
}

describe('the board from the page itself', () => {
  it('draws the incidents without asking for them', async () => {
    const { page, errors, boardAsked } = await newPage();
    await page.goto(c.srv.url);
    await page.getByTestId('board-row').filter({ hasText: '页面里带来的事件' }).waitFor();
    // the header's questions have gone out (the closed list among them), the open board was never asked
    await expect.poll(() => boardAsked('closed')).toBe(1);
    expect(boardAsked()).toBe(0);
    expect(await page.evaluate(() => document.getElementById('ercon-start'))).toBeNull(); // taken out once read
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an incident recorded between the page and its change stream reaches the board', async () => {
    const { page, errors, boardAsked } = await newPage();
    // the stream is held back until another workstation has recorded an incident: the page's answer is older than it
    await page.route('**/api/events?**', async (route) => {
      await c.call('incidents.open', { planId: 'vaccine', title: '页面与变更流之间记录的事件' });
      await route.continue();
    });
    await page.goto(c.srv.url);
    await page.getByTestId('board-row').filter({ hasText: '页面与变更流之间记录的事件' }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('board-row').filter({ hasText: '页面里带来的事件' }).count()).toBe(1);
    expect(boardAsked()).toBe(1); // asked again once, when the stream said what was missed
    expect(errors).toEqual([]);
    await page.close();
  });
});
