import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { AppError } from '../../../shared/api/errors';
import type { CliEnv } from '../env';

function positiveInt(field: string) {
  return (v: string): number => {
    if (!/^[1-9]\d*$/.test(v)) {
      throw new AppError({ code: 'invalid-input', message: `字段 ${field}：必须是正整数：${v}`, messageEn: `field ${field}: must be a positive integer: ${v}`, field, rule: 'positive-int' });
    }
    return Number(v);
  };
}

/** `ercon report list|file|export`: reports of an incident (疫苗预案 5.1–5.3). There is no edit command. */
export function registerReport(program: Command, env: CliEnv): void {
  const report = program.command('report').description('reports of an incident: list, file, export (PDF / .docx) / 信息报告');

  report
    .command('list <incidentId>')
    .description('filed reports, deadlines and their status, as one JSON line / 报告及时限')
    .action(async (incidentId: string) => {
      env.printJson(await env.openCore().invoke('reports.view', { incidentId }, env.ctx));
    });

  report
    .command('file <incidentId>')
    .description('file a report from a JSON draft {kind, channel, fields, recipients?, secrecy?, secrecyPeriod?, corrects?} (file or - for stdin) / 报送报告')
    .requiredOption('--json <fileOr->', 'the draft / 报告内容')
    .option('--occurred-at <ISO>', 'when it was sent / 报送时间')
    .action(async (incidentId: string, o: { json: string; occurredAt?: string }) => {
      const draft = env.readJsonArg(o.json, 'json');
      env.printJson(await env.openCore().invoke('reports.file', { incidentId, draft: draft as never, ...(o.occurredAt ? { occurredAt: o.occurredAt } : {}) }, env.ctx));
    });

  report
    .command('export <incidentId> <seq>')
    .description('write a filed report as PDF or .docx (GB/T 9704 layout); prints {"path","bytes"} / 导出报告')
    .addOption(new Option('--format <f>', 'pdf or docx').choices(['pdf', 'docx']).default('pdf'))
    .requiredOption('--out <file>', 'output file / 输出文件')
    .action(async (incidentId: string, seqText: string, o: { format: 'pdf' | 'docx'; out: string }) => {
      const seq = positiveInt('seq')(seqText);
      const r = await env.openCore().invoke('reports.render', { incidentId, seq, format: o.format }, env.ctx);
      const bytes = Buffer.from(r.base64, 'base64');
      try {
        fs.writeFileSync(o.out, bytes);
      } catch (e) {
        throw new AppError({ code: 'storage', message: `无法写入文件 ${o.out}：${(e as Error).message}`, messageEn: `cannot write ${o.out}: ${(e as Error).message}`, field: 'out' });
      }
      env.printJson({ path: o.out, bytes: bytes.length, fileName: r.fileName });
    });
}
