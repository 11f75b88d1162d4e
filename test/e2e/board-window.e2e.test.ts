/**
 * A long incident board (issue 17: start-up with 1,000 incidents): above 60 incidents a plan's table draws only the
 * rows in and near the view (DataTable `windowed`, @tanstack/react-virtual), in Debian's Chromium over the real serve
 * shell and SQLite. The table still holds every incident for the reader: its count, the scroll bar's length, the last
 * incident reached by scrolling and by keyboard, a row opened with Enter; a short board is drawn whole.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser';
import { signedInPage, startConsole, type TestConsole } from '../helpers/console';
import { forestFire2026Plan } from '../../shared/plans';
import { logFor } from '../../electron/core/log';

let browser: Browser;
let c: TestConsole;
const N = 150;

beforeAll(async () => {
  c = await startConsole('board-window', '2026-12-01T02:00:00.000Z');
  for (let i = 0; i < N; i++) await c.call('incidents.open', { planId: 'vaccine', title: `长列表第${String(i).padStart(3, '0')}起` });
  await c.call('incidents.open', { planId: 'forest-fire', title: '唯一的林火' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await c?.close();
});

/** The board of `tc`, its vaccine list on the page. */
async function open(tc: TestConsole = c): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await signedInPage(browser, tc);
  await page.goto(tc.srv.url);
  await page.getByTestId('board-vaccine').waitFor();
  return { page, errors };
}

/**
 * Before the page's scripts: count every board row the page ever adds to the table `table` (its test id). Returns the
 * reader of the count.
 */
async function countRowsAdded(page: Page, table: string): Promise<() => Promise<number>> {
  await page.addInitScript((testId) => {
    const w = window as unknown as { rowsAdded: number };
    w.rowsAdded = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLElement && n.dataset.testid === 'board-row' && n.closest(`[data-testid="${testId}"]`)) w.rowsAdded++;
    }).observe(document, { childList: true, subtree: true });
  }, table);
  return () => page.evaluate(() => (window as unknown as { rowsAdded: number }).rowsAdded);
}

/** Whether drawn rows of the vaccine table reach the top and the bottom edge of the scrolling view. */
function viewCovered(page: Page): Promise<{ top: boolean; bottom: boolean }> {
  return page.evaluate(() => {
    const view = document.getElementById('main')!.getBoundingClientRect();
    const rows = [...document.querySelectorAll('[data-testid="board-vaccine"] [data-testid="board-row"]')].map((r) => r.getBoundingClientRect());
    return { top: rows.some((r) => r.top <= view.top + 1 && r.bottom > view.top), bottom: rows.some((r) => r.top < view.bottom && r.bottom >= view.bottom - 1) };
  });
}

describe('a long board draws the rows in view', () => {
  it('counts every incident, draws a window of rows, and reaches the last one by scrolling and by keyboard', async () => {
    const { page, errors } = await open();
    const table = page.getByTestId('board-vaccine');
    expect(await table.getAttribute('data-rows')).toBe(String(N));
    expect(await table.getAttribute('aria-rowcount')).toBe(String(N + 1));
    const drawn = await table.getByTestId('board-row').count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(60);
    // a row of one line is as tall as the table's estimate (Board.tsx BOARD_WINDOWED: 36 px), so the first draw is right
    const heights = await table.getByTestId('board-row').evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
    expect(new Set(heights)).toEqual(new Set([36]));
    // the posture card's date with its weekday (a table of names, not Intl): 2026-12-01 was a Tuesday
    await expect.poll(() => page.locator('.board').textContent()).toContain('2026-12-01（星期二）');
    // the short plan's table is drawn whole, not windowed
    expect(await page.getByTestId('board-forest-fire').getAttribute('class')).not.toContain('windowed');
    // the scrolling element is as tall as the whole list (spacer rows hold the place of the rows not drawn)
    const scrollHeight = await page.evaluate(() => document.getElementById('main')!.scrollHeight);
    expect(scrollHeight).toBeGreaterThan(N * 30);
    await screenshot(page, 'board-window-01-top');

    // scrolled part of the way (the first scroll, which takes the list's real start within the page): rows are drawn
    // from the top edge of the view to its bottom edge
    await page.evaluate(() => document.getElementById('main')!.scrollTo(0, 2000));
    await expect.poll(() => viewCovered(page)).toEqual({ top: true, bottom: true });

    // scrolled to the end: the last row is drawn, the first no longer
    await page.evaluate(() => document.getElementById('main')!.scrollTo(0, 1e9));
    await table.locator(`[data-testid="board-row"][aria-rowindex="${N + 1}"]`).waitFor();
    expect(await table.getByTestId('board-row').count()).toBeLessThan(60);
    expect(await table.locator('[data-testid="board-row"][aria-rowindex="2"]').count()).toBe(0);
    await screenshot(page, 'board-window-02-bottom');

    // back to the top, then Tab through 80 rows as fast as keys come: each focused incident button is drawn and in view
    await page.evaluate(() => document.getElementById('main')!.scrollTo(0, 0));
    const top = table.locator('[data-testid="board-row"][aria-rowindex="2"]');
    await top.waitFor();
    await top.getByRole('button').first().focus();
    const seen = new Set<string>();
    for (let k = 0; k < 80; k++) {
      await page.keyboard.press('Tab');
      const text = await page.evaluate(() => document.activeElement?.closest('tr')?.textContent ?? document.activeElement?.textContent ?? '');
      const m = /长列表第(\d{3})起/.exec(text);
      if (m) seen.add(m[1]!);
    }
    expect(seen.size).toBe(80);
    const focusedInView = await page.evaluate(() => {
      const r = document.activeElement!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    });
    expect(focusedInView).toBe(true);
    // Enter opens the focused incident
    const title = await page.evaluate(() => /长列表第\d{3}起/.exec(document.activeElement?.textContent ?? '')?.[0] ?? '');
    expect(title).not.toBe('');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: new RegExp(title) }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('in English, names plans and states from the rows in the plan\'s English words, without waiting for the plans', async () => {
    const { page, errors } = await open();
    await page.getByLabel('界面语言').selectOption('en');
    const fire = page.getByTestId('board-forest-fire');
    const row = (await c.call<{ incidents: Array<{ title: string; state: string }> }>('console.board', {})).incidents.find((r) => r.title === '唯一的林火')!;
    const labelEn = forestFire2026Plan.states.find((x) => x.id === row.state)!.labelEn!;
    await expect.poll(() => fire.getByTestId('board-row').textContent()).toContain(labelEn);
    await expect.poll(() => page.locator('.plan-group h2').first().textContent()).toContain('Forest fire');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('two long lists on one board', () => {
  let two: TestConsole;
  beforeAll(async () => {
    two = await startConsole('board-window-two', '2026-12-01T02:00:00.000Z');
    // drug first, so the vaccine incidents (newer) come first on the board and the drug list starts below the view
    for (let i = 0; i < 70; i++) await two.call('incidents.open', { planId: 'drug', title: `药品第${String(i).padStart(2, '0')}起` });
    for (let i = 0; i < 70; i++) await two.call('incidents.open', { planId: 'vaccine', title: `疫苗第${String(i).padStart(2, '0')}起` });
  }, 120_000);
  afterAll(async () => {
    await two?.close();
  });

  it('the list below the view draws a few rows, and a view of rows once scrolled to', async () => {
    const { page, errors } = await signedInPage(browser, two);
    const rowsAdded = await countRowsAdded(page, 'board-drug');
    await page.goto(two.srv.url);
    const drug = page.getByTestId('board-drug');
    await drug.waitFor({ state: 'attached' });
    await page.getByTestId('board-vaccine').getByTestId('board-row').first().waitFor();
    expect(await drug.getAttribute('class')).toContain('windowed');
    // at the top of the page: the drug list starts far below the view and draws only its first few rows
    await expect.poll(() => drug.getByTestId('board-row').count()).toBeLessThan(12);
    // and draws only those from the start, never a view's worth of rows first: its place is measured before the
    // virtualizer knows the view's size (DataTable `WindowedRows`)
    await page.waitForTimeout(300);
    const drawn = await drug.getByTestId('board-row').count();
    expect(await rowsAdded()).toBe(drawn);
    // its heading at the top of the view: its rows fill the view down to the bottom edge
    await page.evaluate(() => document.querySelectorAll('.plan-group h2')[1]!.scrollIntoView());
    await expect
      .poll(() =>
        page.evaluate(() => {
          const view = document.getElementById('main')!.getBoundingClientRect();
          const rows = [...document.querySelectorAll('[data-testid="board-drug"] [data-testid="board-row"]')].map((r) => r.getBoundingClientRect());
          return rows.some((r) => r.top < view.bottom && r.bottom >= view.bottom - 1);
        }),
      )
      .toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('a long list of incidents with a deadline', () => {
  let due: TestConsole;
  beforeAll(async () => {
    due = await startConsole('board-window-due', '2026-12-01T02:00:00.000Z');
    const log = logFor(due.core.services.db, due.clock);
    for (let i = 0; i < 70; i++) {
      const { incidentId } = log.openIncident({ planId: 'vaccine', title: `待报第${String(i).padStart(2, '0')}起` }, '值班员');
      log.append({ incidentId, type: 'reported', payload: { source: '县疾控中心电话', summary: '接种后不良反应', facts: { clusteredRareAE: 2 } } }, '值班员');
    }
  }, 120_000);
  afterAll(async () => {
    await due?.close();
  });

  it('draws its rows once, at the height estimated for a row with a deadline: none drawn and then dropped once measured', async () => {
    const { page, errors } = await signedInPage(browser, due);
    const rowsAdded = await countRowsAdded(page, 'board-vaccine');
    // The page's clock at the shell's: every first report is due in an hour, none soon or overdue, so no banner comes
    // above the board after it is drawn (and moves it, drawing other rows).
    await page.clock.setFixedTime(new Date('2026-12-01T02:00:00.000Z'));
    await page.goto(due.srv.url);
    const table = page.getByTestId('board-vaccine');
    await table.getByTestId('board-row').first().waitFor();
    expect(await table.getAttribute('class')).toContain('windowed');
    expect(await table.getByTestId('deadline').count()).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    const heights = await table.getByTestId('board-row').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    // three lines (Board.tsx DEADLINE_ROW_PX: 87.65 px; the first row shares its rule with the header's)
    expect(heights.filter((h) => Math.abs(h - 87.65) > 0.6)).toEqual([]);
    expect(await rowsAdded()).toBe(heights.length);
    // and they fill the view down to its bottom edge
    expect((await viewCovered(page)).bottom).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
