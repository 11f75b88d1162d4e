import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../../shared/api/errors';
import { migrations } from '../../core/db/migrations';
import { restoreDatabase, verifyFile } from '../../core/log';
import { systemClock } from '../../core/clock';
import { ExitSignal, type CliEnv } from '../env';

export function registerLog(program: Command, env: CliEnv): void {
  program
    .command('verify')
    .description('integrity_check + every hash link; exit 0 {"ok":true,"events":N}, else exit 1 naming the first broken seq / 校验')
    .action(() => {
      // Read-only and without migrations, so that it works on a damaged or older file and never changes it.
      if (!fs.existsSync(env.dbPath)) {
        throw new AppError({ code: 'not-found', message: `数据库不存在：${env.dbPath}`, messageEn: `no database at ${env.dbPath}`, field: 'db' });
      }
      const v = verifyFile(env.dbPath);
      env.printJson(v);
      if (!v.ok) throw new ExitSignal(1);
    });

  program
    .command('search <query>')
    .description('full-text search over event text (Chinese, 2+ characters) / 全文检索')
    .option('--incident <id>', 'only this incident')
    .option('--limit <n>', 'at most n hits (default 50)')
    .action(async (query: string, o: { incident?: string; limit?: string }) => {
      const input = { query, ...(o.incident ? { incidentId: o.incident } : {}), ...(o.limit ? { limit: Number(o.limit) } : {}) };
      env.printJson(await env.openCore().invoke('incidents.search', input, env.ctx));
    });

  program
    .command('backup <dest>')
    .description('consistent online backup (safe while the console writes), verified before it is kept / 在线备份')
    .action(async (dest: string) => {
      env.printJson(await env.openCore().invoke('log.backup', { dest }, env.ctx));
    });

  program
    .command('restore <src>')
    .description('replace the database with a backup that passes verify; the current one is saved in backups/ first / 从备份恢复')
    .action(async (src: string) => {
      // Does not open the core: the database being replaced may be the damaged one.
      const r = await restoreDatabase(env.dbPath, src, migrations.map((m) => m.id), systemClock.now());
      env.printJson(r);
    });
}
