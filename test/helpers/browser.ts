import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ConsoleMessage, Page } from 'playwright-core';
import { ROOT } from './tmp';

export { chromiumPath, launchChromium } from './chromium';

export const OUTPUT_DIR = path.join(ROOT, 'test-output', 'e2e');

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Collect console errors and page errors, to assert there are none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().includes('/api/')) errors.push(`http ${r.status()}: ${r.url()}`);
  });
  return errors;
}

/**
 * The browser's own dialogs (alert, confirm, prompt) the page opens, each dismissed and listed: the console asks with
 * its own dialogs (Electron has no prompt at all), so a test expects this list to stay empty.
 */
export function watchNativeDialogs(page: Page): string[] {
  const natives: string[] = [];
  page.on('dialog', (d) => {
    natives.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return natives;
}

/**
 * A sheet of the console on paper (components/PrintOverlay.tsx), as the print button would make it: the body marked as
 * printing, print media, Chromium's own PDF in test-output/e2e/<name>.pdf, read back with poppler's pdftotext -layout.
 * The page is back on screen media afterwards.
 */
export async function printedSheetText(page: Page, name: string): Promise<string> {
  await page.evaluate(() => document.body.classList.add('sheet-printing'));
  await page.emulateMedia({ media: 'print' });
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const pdf = path.join(OUTPUT_DIR, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => document.body.classList.remove('sheet-printing'));
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
}
