/**
 * Ledger CSV in GBK (Excel's "CSV" on a Chinese Windows, issue 12 item 7) through the core on a real SQLite file:
 * read as GBK when the bytes are not UTF-8, the encoding found reported; the dry run writes nothing; the old path
 * (text decoded as UTF-8 by the caller) is what produced the mojibake column errors.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore, type Core } from '../../../electron/core/core';
import type { CallContext } from '../../../electron/core/handlers/types';
import { encodeGbk } from '../../helpers/gbk';

const ctx: CallContext = { actor: '值班员甲', transport: 'test' };
let dir: string;
let core: Core;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fire-ledger-gbk-'));
  core = createCore({ dbPath: path.join(dir, 'console.sqlite'), clock: new ManualClock('2026-04-02T01:00:00Z') });
});
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const CSV = '编号,类别,乡镇,村,位置,经度,纬度,坟主,火险等级,备注\r\nF-001,坟头,天宁镇,卦山村,北坡,112.15,37.58,张三,高,\r\nF-002,坟头,天宁镇,卦山村,南坡,,,李四,中,近林缘\r\n';

describe('ledger CSV encodings', () => {
  it('a GBK file is read as GBK: the dry run reports it and writes nothing; the import writes both rows', async () => {
    const b64 = encodeGbk(CSV).toString('base64');
    const dry = await core.invoke('fire.ledger.import', { table: 'graves', format: 'csv', content: b64, base64: true, dryRun: true }, ctx);
    expect(dry).toMatchObject({ ok: true, encoding: 'gb18030', rows: 2, imported: 0, dryRun: true, problems: [] });
    expect(dry.headers.slice(0, 3)).toEqual(['编号', '类别', '乡镇']);
    expect((await core.invoke('fire.ledger.list', { table: 'graves' }, ctx)).rows).toHaveLength(0);
    const r = await core.invoke('fire.ledger.import', { table: 'graves', format: 'csv', content: b64, base64: true }, ctx);
    expect(r).toMatchObject({ ok: true, imported: 2, encoding: 'gb18030' });
    const rows = (await core.invoke('fire.ledger.list', { table: 'graves' }, ctx)).rows as Array<{ owner: string; note?: string }>;
    expect(rows.map((x) => x.owner)).toEqual(['张三', '李四']);
    expect(rows[1]!.note).toBe('近林缘');
  });

  it('the same file in UTF-8 (with a BOM) is read as UTF-8', async () => {
    const b64 = Buffer.from('\uFEFF' + CSV, 'utf8').toString('base64');
    const r = await core.invoke('fire.ledger.import', { table: 'graves', format: 'csv', content: b64, base64: true, dryRun: true }, ctx);
    expect(r).toMatchObject({ ok: true, encoding: 'utf-8', rows: 2 });
  });

  it('GBK bytes decoded as UTF-8 (what the screen sent before) give the mojibake column errors, and nothing is written', async () => {
    const mangled = new TextDecoder('utf-8').decode(encodeGbk(CSV));
    const r = await core.invoke('fire.ledger.import', { table: 'graves', format: 'csv', content: mangled }, ctx);
    expect(r.ok).toBe(false);
    expect(r.problems.length).toBeGreaterThan(0);
    expect((await core.invoke('fire.ledger.list', { table: 'graves' }, ctx)).rows).toHaveLength(0);
  });

  it('a dry run also finds a number already registered, and writes nothing', async () => {
    const b64 = encodeGbk(CSV).toString('base64');
    await core.invoke('fire.ledger.import', { table: 'graves', format: 'csv', content: b64, base64: true }, ctx);
    const again = await core.invoke('fire.ledger.import', { table: 'graves', format: 'csv', content: b64, base64: true, dryRun: true }, ctx);
    expect(again.ok).toBe(false);
    expect(again.problems.map((p) => p.field)).toEqual(['number', 'number']);
    expect((await core.invoke('fire.ledger.list', { table: 'graves' }, ctx)).rows).toHaveLength(2);
  });
});
