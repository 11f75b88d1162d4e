import fs from 'node:fs';
import readline from 'node:readline';
import { Option, type Command } from 'commander';
import { AppError } from '../../../shared/api/errors';
import type { CliEnv } from '../env';

/** Write one line to stdout and have it leave the process before the next line is read (the crash test relies on it). */
function writeLineNow(env: CliEnv, value: unknown): void {
  const line = JSON.stringify(value) + '\n';
  if (env.out === process.stdout) fs.writeSync(1, line);
  else env.out.write(line);
}

function seqArg(field: string) {
  return (v: string): number => {
    if (!/^(0|[1-9]\d*)$/.test(v)) {
      throw new AppError({ code: 'invalid-input', message: `字段 ${field}：必须是非负整数（记录序号）：${v}`, messageEn: `field ${field}: must be a record number (integer ≥ 0): ${v}`, field, rule: 'seq' });
    }
    return Number(v);
  };
}

export function registerIncident(program: Command, env: CliEnv): void {
  const incident = program.command('incident').description('the incident log: open, note, show, list / 事件记录');

  incident
    .command('open')
    .description('open an incident under a plan; prints {"id": …} / 开启事件')
    .requiredOption('--plan <id>', 'plan id / 预案')
    .option('--plan-version <v>', 'plan version (default: the current one) / 预案版本')
    .requiredOption('--title <text>', 'title / 标题')
    .option('--occurred-at <ISO>', 'when it happened (ISO 8601 with offset) / 发生时间')
    .action(async (o: { plan: string; planVersion?: string; title: string; occurredAt?: string }) => {
      const r = await env.openCore().invoke(
        'incidents.open',
        { planId: o.plan, title: o.title, ...(o.planVersion ? { planVersion: o.planVersion } : {}), ...(o.occurredAt ? { occurredAt: o.occurredAt } : {}) },
        env.ctx,
      );
      env.printJson(r);
    });

  incident
    .command('note <id>')
    .description('append a note (--text), or one note per line of stdin (--stdin), each line acknowledged after commit / 追加记录')
    .addOption(new Option('--text <text>', 'the note / 内容').conflicts('stdin'))
    .option('--stdin', 'one note per input line; prints {"seq":N,"hash":"…"} after each commit')
    .option('--occurred-at <ISO>', 'when it happened / 发生时间')
    .option('--corrects <seq>', 'the seq this note corrects / 更正的记录序号', seqArg('corrects'))
    .action(async (id: string, o: { text?: string; stdin?: boolean; occurredAt?: string; corrects?: number }) => {
      const core = env.openCore();
      const extra = { ...(o.occurredAt ? { occurredAt: o.occurredAt } : {}), ...(o.corrects !== undefined ? { corrects: o.corrects } : {}) };
      if (o.stdin) {
        const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
        for await (const line of rl) {
          if (!line.trim()) continue;
          // invoke returns only after the transaction committed (synchronous=FULL): then, and only then, acknowledge.
          const r = await core.invoke('incidents.note', { incidentId: id, text: line, ...extra }, env.ctx);
          writeLineNow(env, { seq: r.seq, hash: r.hash });
        }
        return;
      }
      if (o.text === undefined) {
        throw new AppError({ code: 'invalid-input', message: '需要 --text 或 --stdin', messageEn: 'give --text or --stdin', field: 'text', rule: 'required' });
      }
      env.printJson(await core.invoke('incidents.note', { incidentId: id, text: o.text, ...extra }, env.ctx));
    });

  incident
    .command('append <id>')
    .description('append one typed event; payload is a JSON file or - for stdin / 追加事件')
    .requiredOption('--type <type>', 'event type / 事件类型')
    .requiredOption('--payload <file|->', 'JSON payload file, or - / 内容')
    .option('--occurred-at <ISO>', 'when it happened / 发生时间')
    .option('--corrects <seq>', 'the seq this event corrects / 更正的记录序号', seqArg('corrects'))
    .action(async (id: string, o: { type: string; payload: string; occurredAt?: string; corrects?: number }) => {
      const payload = env.readJsonArg(o.payload, 'payload');
      const r = await env.openCore().invoke(
        'incidents.append',
        { incidentId: id, type: o.type, payload, ...(o.occurredAt ? { occurredAt: o.occurredAt } : {}), ...(o.corrects !== undefined ? { corrects: o.corrects } : {}) },
        env.ctx,
      );
      env.printJson(r);
    });

  incident
    .command('show <id>')
    .description('the incident\'s state and events / 查看事件')
    .option('--json', 'print {"state", "events", "incident"} as JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const r = await env.openCore().invoke('incidents.get', { id }, env.ctx);
      if (o.json) {
        env.printJson({ state: r.state, events: r.events, incident: r.incident });
        return;
      }
      env.printText(`${r.incident.id}  ${r.incident.title}  [${r.incident.planId}@${r.incident.planVersion}]  ${r.incident.status}`);
      for (const e of r.events) {
        env.printText(`#${e.seq}  ${e.occurredAt}  ${e.type}${e.corrects !== null ? ` (更正 #${e.corrects})` : ''}  ${e.actor}  ${JSON.stringify(e.payload)}`);
      }
    });

  incident
    .command('list')
    .description('incidents, newest first / 事件列表')
    .addOption(new Option('--status <s>', 'open, closed or all').choices(['open', 'closed', 'all']).default('all'))
    .option('--plan <id>', 'only this plan\'s incidents')
    .action(async (o: { status: 'open' | 'closed' | 'all'; plan?: string }) => {
      env.printJson(await env.openCore().invoke('incidents.list', { status: o.status, ...(o.plan ? { planId: o.plan } : {}) }, env.ctx));
    });
}
