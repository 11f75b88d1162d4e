import fs from 'node:fs';
import type { Command } from 'commander';
import { durationText, loadPlan, planFlowchartSvg, levelIdSchema, type Condition, type Plan, type Range } from '../../../shared/engine';
import { createPlanRegistry } from '../../../shared/plans';
import { AppError } from '../../../shared/api/errors';
import type { CliEnv } from '../env';

/** `ercon plan list | show <id> [--json] | validate <file> | flowchart <id>`: plans need no database. */
export function registerPlan(program: Command, env: CliEnv): void {
  const plan = program.command('plan').description('emergency plans: list, show, validate an edited copy, flow chart / 应急预案');

  plan
    .command('list')
    .description('every built-in plan version with its dates in force / 预案及其各版本')
    .option('--json', 'one JSON line for programs')
    .action((opts: { json?: boolean }) => {
      const rows = createPlanRegistry()
        .all()
        .map(({ plan: p }) => ({ id: p.id, version: p.version, effectiveFrom: p.effectiveFrom, effectiveUntil: p.effectiveUntil ?? null, title: p.title, source: p.source.number ?? p.source.document, verified: p.source.verified }));
      if (opts.json) env.printJson(rows);
      else
        env.printText(
          rows
            .map((r) => `${r.id}\t${r.version}\t${r.effectiveFrom}起${r.effectiveUntil ? `至${r.effectiveUntil}` : ''}\t${r.title}\t${r.source}${r.verified !== 'verbatim' ? `\t（来源${r.verified === 'partial' ? '部分核实' : '未核实'}）` : ''}`)
            .join('\n'),
        );
    });

  plan
    .command('show')
    .description('print a plan for people (Chinese), or --json for programs / 显示预案')
    .argument('<id>', 'plan id')
    // Not `--version`: the program's own -V/--version (the console's version) would take it first.
    .option('--plan-version <v>', 'a given version of the plan')
    .option('--at <date>', 'the version in force on that day (YYYY-MM-DD or ISO; default now)')
    .option('--json', 'the plan data as one JSON line')
    .action((id: string, opts: { json?: boolean; planVersion?: string; at?: string }) => {
      const p = pickPlan(id, { version: opts.planVersion, at: opts.at });
      if (opts.json) env.printJson(p);
      else env.printText(renderPlan(p));
    });

  plan
    .command('validate')
    .description('check an edited plan (JSON file, or - for stdin) without loading it / 校验预案数据')
    .argument('<file>', 'plan JSON')
    .action((file: string) => {
      const p = loadPlan(env.readJsonArg(file, 'plan'));
      env.printJson({ ok: true, id: p.id, version: p.version, title: p.title });
    });

  plan
    .command('flowchart')
    .description('the plan\'s flow chart as SVG / 预案流程图')
    .argument('<id>', 'plan id')
    .option('--state <state>', 'light this state')
    .option('--level <level>', 'light this response level (I–IV)')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action((id: string, opts: { state?: string; level?: string; out?: string }) => {
      const p = pickPlan(id, {});
      const level = opts.level ? levelIdSchema.parse(opts.level) : null;
      const svg = planFlowchartSvg(p, opts.state ?? null, { level });
      if (opts.out) fs.writeFileSync(opts.out, svg);
      else env.printText(svg);
    });
}

/** `--version`, else the version in force `--at` (default now) among the built-in plans. */
export function pickPlan(id: string, opts: { version?: string | undefined; at?: string | undefined }): Plan {
  const plans = createPlanRegistry();
  if (opts.version) return plans.get(id, opts.version);
  return plans.inForce(id, opts.at ? atArg(opts.at) : new Date());
}

/** `--at`: a Beijing date (YYYY-MM-DD) or an ISO instant with offset; anything else is refused naming the field. */
export function atArg(v: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)) return v;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && Number.isFinite(Date.parse(v))) return new Date(v).toISOString();
  throw new AppError({
    code: 'invalid-input',
    message: `字段 at：必须是日期（YYYY-MM-DD，北京时间）或带时区的 ISO 时间，收到 ${JSON.stringify(v.slice(0, 40))}`,
    messageEn: `field at: must be a date (YYYY-MM-DD, Beijing) or an ISO time with offset; got ${JSON.stringify(v.slice(0, 40))}`,
    field: 'at',
    rule: 'date-or-iso',
  });
}

function rangeText(r: Range, unit = ''): string {
  const parts: string[] = [];
  if (r.gte !== undefined) parts.push(`${r.gte}${unit}以上`);
  if (r.gt !== undefined) parts.push(`超过${r.gt}${unit}`);
  if (r.lte !== undefined) parts.push(`不多于${r.lte}${unit}`);
  if (r.lt !== undefined) parts.push(`${r.lt}${unit}以下（不含）`);
  return parts.join('、');
}

function conditionText(plan: Plan, c: Condition): string {
  if ('fact' in c) {
    const def = plan.facts.find((f) => f.name === c.fact);
    const label = def?.label ?? c.fact;
    if (c.range) return `${label}${rangeText(c.range, def && 'unit' in def && def.unit ? def.unit : '')}`;
    return c.equals === true ? label : c.equals === false ? `非“${label}”` : `${label} = ${String(c.equals)}`;
  }
  if ('level' in c) {
    const parts: string[] = [];
    if (c.level.gte) parts.push(`级别为${c.level.gte}级或更高`);
    if (c.level.in) parts.push(`级别为${c.level.in.join('、')}级`);
    if (c.level.none !== undefined) parts.push(c.level.none ? '未分级' : '已分级');
    return parts.join('且');
  }
  if ('all' in c) return c.all.map((x) => conditionText(plan, x)).join('，且');
  if ('any' in c) return c.any.map((x) => conditionText(plan, x)).join('，或');
  return `非（${conditionText(plan, c.not)}）`;
}

/** The plan for people, in the plan's own words, every rule with its clause. */
export function renderPlan(p: Plan): string {
  const unit = (id: string) => p.units.find((u) => u.id === id)?.name ?? id;
  const L: string[] = [];
  L.push(`${p.title}（${p.id}，版本 ${p.version}）`);
  L.push(`来源：${p.source.document}${p.source.number ? `（${p.source.number}）` : ''}${p.source.date ? `，${p.source.date}` : ''}`);
  if (p.source.lines) L.push(`原文：${p.source.lines}`);
  if (p.source.verified !== 'verbatim') L.push(`核实情况：${p.source.verified === 'partial' ? '部分核实' : '未核实'}`);
  if (p.source.note) L.push(`说明：${p.source.note}`);
  if (p.countingRule) L.push(`数字表述：${p.countingRule.text}（${p.countingRule.clause}）`);

  L.push('', '一、事实（值班员录入）');
  for (const f of p.facts) {
    const kind = { count: '整数，≥0，默认0', number: '数值，≥0，默认0', boolean: '是/否，默认否', enum: '选项', text: '文字' }[f.kind];
    L.push(`  ${f.name}：${f.label}［${kind}］（${f.clause}）`);
    if (f.kind === 'enum') {
      for (const v of f.values) L.push(`    - ${v.value}：${v.label}${v.value === f.default ? '（默认）' : ''}`);
      if (f.requiresReason) L.push(`    选择${f.requiresReason.except.map((x) => `“${x}”`).join('、')}以外的选项时，须在 ${f.requiresReason.fact} 写明理由（${f.requiresReason.clause}）`);
    }
  }

  L.push('', '二、事件分级（符合任一条件即为该级；取最高级别）');
  for (const lv of p.levels) {
    L.push(`  ${lv.id}级 ${lv.name}（${lv.colourName ?? lv.colour}）`);
    for (const c of p.criteria.filter((x) => x.level === lv.id)) {
      const def = p.facts.find((f) => f.name === c.fact);
      const test = c.range ? rangeText(c.range, def && 'unit' in def && def.unit ? def.unit : '') : `= ${String(c.equals)}`;
      L.push(`    （${c.clause}）${c.text}\u3000［${c.fact} ${test}${c.requires ? `；须${c.requires.text}` : ''}］`);
    }
  }
  if (p.minimumLevel) L.push(`  最低级别：${p.minimumLevel.level}级（${p.minimumLevel.text}，${p.minimumLevel.clause}）`);
  if (p.flags.length) {
    L.push('', '三、提示事项（由事实和级别得出）');
    for (const f of p.flags) L.push(`  （${f.clause}）${f.text}\u3000［${conditionText(p, f.when)}］`);
  }
  if (p.timers.length) {
    L.push('', '   计时：');
    for (const t of p.timers) L.push(`  （${t.clause}）${t.text}：自“${t.anchor.event}”起${durationText(t.after)}`);
  }

  if (p.command) {
    const c = p.command;
    L.push('', `四、应急指挥体系（${c.hq.clause}）`);
    L.push(`  ${unit(c.hq.unit)}：指挥长 ${c.hq.commander}；副指挥长 ${c.hq.deputies.join('、')}`);
    for (const d of c.hq.duties) L.push(`    ${d}`);
    L.push(`  ${unit(c.office.unit)}（设在${unit(c.office.seatedAt)}，主任 ${c.office.head}）（${c.office.clause}）`);
    for (const d of c.office.duties) L.push(`    ${d}`);
    L.push('  成员单位及职责：');
    for (const m of c.hq.members) {
      const u = p.units.find((x) => x.id === m);
      L.push(`    ${u?.name ?? m}：${(u?.duties ?? []).join('')}${u?.clause ? `（${u.clause}）` : ''}`);
    }
    L.push(`  现场工作组${c.groupsClause ? `（${c.groupsClause}）` : ''}：`);
    for (const g of c.groups) {
      const cond = g.conditionalUnits.map((x) => `${x.when}包括${unit(x.unit)}`).join('；');
      L.push(`    ${g.name}：${g.units.map(unit).join('、')}（牵头：${unit(g.units[0]!)}）${cond ? `（${cond}）` : ''}`);
      L.push(`      ${g.duties}`);
    }
  }

  L.push('', '五、处置流程（状态与转换）');
  for (const s of p.states) L.push(`  [${s.id}] ${s.label}（${s.clause}）${s.description ? `：${s.description}` : ''}`);
  L.push('');
  for (const t of p.transitions) {
    const from = t.from.map((x) => p.states.find((s) => s.id === x)?.label ?? x).join('/');
    const to = t.to ? ` → ${p.states.find((s) => s.id === t.to)?.label ?? t.to}` : '';
    const who = [t.triggeredBy ? `由${t.triggeredBy.map(unit).join('或')}作出` : '', t.approvedBy ? `经${t.approvedBy.map(unit).join('或')}批准` : ''].filter(Boolean).join('，');
    L.push(`  ${t.label}（${t.clause}）：${from}${to}${who ? `；${who}` : ''}`);
    for (const g of t.guards) L.push(`    · ${g.text}（${g.clause}）`);
  }

  if (p.obligations.length) {
    L.push('', '六、信息报告');
    for (const o of p.obligations) {
      L.push(`  ${o.label}（${o.clause}）：${o.due ? o.due.text : '无固定时限'}；报送：${o.recipients.map(unit).join('、')}`);
      if (o.channels) L.push(`    渠道：${o.channels.map((c) => p.reportChannels.find((x) => x.id === c)?.label ?? c).join('、')}`);
      L.push(`    内容：${o.requiredFields.map((f) => f.label).join('、')}`);
    }
  }
  if (p.checklists.length) {
    L.push('', '七、处置事项清单');
    for (const c of p.checklists) {
      const st = p.states.find((s) => s.id === c.state)?.label ?? c.state;
      L.push(`  ${c.title}（${c.clause}；${st}${c.levels ? `，${c.levels.join('、')}级` : ''}）`);
      for (const i of c.items) {
        const g = i.group ? p.command?.groups.find((x) => x.id === i.group)?.name : undefined;
        L.push(`    □ ${i.text}——${unit(i.unit)}${g ? `（${g}）` : ''}${i.clause ? `（${i.clause}）` : ''}`);
      }
    }
  }
  return L.join('\n');
}
