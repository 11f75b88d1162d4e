/**
 * Which face the PDF's body is drawn in (GB/T 9704-2012 5.2.3: 3号仿宋): the system's 仿宋 first, else the open-licence
 * FandolFang shipped in assets/fonts, a 宋 face only when no 仿宋 can be had; a 宋 face stays as the fallback for
 * characters FandolFang lacks. Real folders with font files (the shipped one, and empty stand-ins named as the system's).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findCjkFonts, fontAssetsDir, SHIPPED_FANGSONG } from '../../../electron/core/reports/fonts';
import { AppError } from '../../../shared/api/errors';

let dirs: string[] = [];
function folder(...files: string[]): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-fonts-'));
  for (const f of files) fs.writeFileSync(path.join(d, f), '');
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe('the body face', () => {
  it('the app ships FandolFang with its licence', () => {
    const d = fontAssetsDir();
    expect(fs.statSync(path.join(d, SHIPPED_FANGSONG)).size).toBeGreaterThan(1_000_000);
    expect(fs.readFileSync(path.join(d, 'README.md'), 'utf8')).toMatch(/GPL[\s\S]*font exception/i);
    expect(fs.existsSync(path.join(d, 'COPYING'))).toBe(true);
  });
  it('the system 仿宋 (simfang.ttf) wins over the shipped one', () => {
    const sys = folder('simfang.ttf', 'simsun.ttc');
    const f = findCjkFonts([sys], fontAssetsDir());
    expect(f.body).toMatchObject({ family: 'FangSong', style: 'fangsong', file: path.join(sys, 'simfang.ttf') });
    expect(f.fallback).toMatchObject({ family: 'SimSun' });
  });
  it('no system 仿宋: the shipped FandolFang, with Noto Serif CJK as the fallback for rare characters', () => {
    const sys = folder('NotoSerifCJK-Regular.ttc', 'NotoSerifCJK-Bold.ttc');
    const f = findCjkFonts([sys], fontAssetsDir());
    expect(f.body).toMatchObject({ family: 'FandolFang', style: 'fangsong' });
    expect(f.fallback).toMatchObject({ family: 'Noto Serif CJK SC', postscript: 'NotoSerifCJKsc-Regular' });
    expect(f.title).toMatchObject({ postscript: 'NotoSerifCJKsc-Bold' });
  });
  it('a system 楷体 is taken for the 签发人 name (7.2.6); none: the body face (kai null)', () => {
    expect(findCjkFonts([folder('simfang.ttf', 'simkai.ttf')], null).kai).toMatchObject({ family: 'KaiTi' });
    expect(findCjkFonts([folder('NotoSerifCJK-Regular.ttc')], fontAssetsDir()).kai).toBeNull();
  });
  it('no 仿宋 anywhere: a 宋 face, said so by its style; no CJK font at all: not-found naming the folders', () => {
    const sys = folder('NotoSerifCJK-Regular.ttc');
    expect(findCjkFonts([sys], null).body).toMatchObject({ style: 'song', family: 'Noto Serif CJK SC' });
    const empty = folder();
    try {
      findCjkFonts([empty], null);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).body).toMatchObject({ code: 'not-found', field: 'font', rule: 'cjk-font' });
      expect((e as AppError).body.message).toContain(empty);
    }
  });
});
