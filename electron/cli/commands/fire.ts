import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../../shared/api/errors';
import { calendarOrThrow } from '../../core/handlers/fire';
import { EXIT, ExitSignal, type CliEnv } from '../env';

function intOption(v: string | undefined, field: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) {
    throw new AppError({ code: 'invalid-input', message: `${field} 必须是 0–30 的整数：${v}`, messageEn: `${field} must be an integer 0–30: ${v}`, field, rule: 'int-0-30' });
  }
  return Number(v);
}

function tableArg(t: string): 'baobao' | 'graves' {
  if (t === 'baobao' || t === 'graves') return t;
  throw new AppError({ code: 'invalid-input', message: `台账必须是 baobao（八包责任台账）或 graves（坟头祭坛登记）：${t}`, messageEn: `table must be baobao or graves: ${t}`, field: 'table', rule: 'enum' });
}

function formatOf(file: string): 'csv' | 'xlsx' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw new AppError({ code: 'invalid-input', message: `文件须为 .csv 或 .xlsx：${file}`, messageEn: `file must be .csv or .xlsx: ${file}`, field: 'file', rule: 'extension' });
}

export function registerFire(program: Command, env: CliEnv): void {
  program
    .command('fire-calendar')
    .description('fire-season calendar of a date (Asia/Shanghai) as JSON / 森林防火日历：特险期、清明、寒衣节、下一特险日')
    .argument('<date>', 'YYYY-MM-DD')
    .option('--before <days>', 'window days before a high-risk day (default 3)')
    .option('--after <days>', 'window days after a high-risk day (default 1)')
    .action((date: string, o: { before?: string; after?: string }) => {
      const window: { daysBefore?: number; daysAfter?: number } = {};
      const b = intOption(o.before, 'window.daysBefore');
      const a = intOption(o.after, 'window.daysAfter');
      if (b !== undefined) window.daysBefore = b;
      if (a !== undefined) window.daysAfter = a;
      // pure: no database is opened
      env.printJson(calendarOrThrow(date, window));
    });

  program
    .command('fire-posture')
    .description("today's (or a date's) fire posture with the danger rating / 当日森林防火态势")
    .argument('[date]', 'YYYY-MM-DD (default: today in Asia/Shanghai)')
    .action(async (date: string | undefined) => {
      env.printJson(await env.openCore().invoke('fire.posture', date ? { date } : {}, env.ctx));
    });

  program
    .command('fire-ledger-import')
    .description('import a CSV/XLSX file into a ledger (all rows or nothing) / 导入台账')
    .argument('<table>', 'baobao | graves')
    .argument('<file>', '.csv or .xlsx')
    .option('--replace', 'replace the whole ledger instead of appending')
    .action(async (table: string, file: string, o: { replace?: boolean }) => {
      const t = tableArg(table);
      const format = formatOf(file);
      let buf: Buffer;
      try {
        buf = fs.readFileSync(file);
      } catch (e) {
        throw new AppError({ code: 'invalid-input', message: `无法读取文件 ${file}`, messageEn: `cannot read ${file}: ${(e as Error).message}`, field: 'file', rule: 'readable-file' });
      }
      // CSV as bytes too: the core detects UTF-8 or GBK (Excel's default on Chinese Windows)
      const r = await env.openCore().invoke('fire.ledger.import', { table: t, format, content: buf.toString('base64'), base64: true, mode: o.replace ? 'replace' : 'append' }, env.ctx);
      env.printJson(r);
      if (!r.ok) {
        for (const p of r.problems) env.err.write(`ercon: 第${p.row}行 ${p.column}：${p.message}\n`);
        throw new ExitSignal(EXIT.invalid);
      }
    });

  program
    .command('fire-ledger-export')
    .description('export a ledger to a CSV/XLSX file / 导出台账')
    .argument('<table>', 'baobao | graves')
    .argument('<file>', '.csv or .xlsx')
    .action(async (table: string, file: string) => {
      const t = tableArg(table);
      const format = formatOf(file);
      const r = await env.openCore().invoke('fire.ledger.export', { table: t, format }, env.ctx);
      fs.writeFileSync(file, format === 'csv' ? Buffer.from(r.content, 'utf8') : Buffer.from(r.content, 'base64'));
      env.printJson({ table: t, format, file, rows: r.rows });
    });
}
