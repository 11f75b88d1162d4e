import { fileReport, renderReport, reportsView } from '../reports/service';
import { AppError } from '../../../shared/api';
import { logFor } from '../log';
import { confirmPerson } from '../people/store';
import type { CallContext, CoreServices, HandlerTable, ParsedInput } from './types';

/**
 * The 签发人 a report is filed with (GB/T 9704 7.2.6): the duty leader who confirmed with their own password, or the
 * signed-in duty leader naming themselves. A typed name is not a sign-off: anything else is refused, nothing written.
 * The CLI and in-process tests file as typed.
 */
async function signOffOf(i: ParsedInput<'reports.file'>, ctx: CallContext, s: CoreServices): Promise<string> {
  const typed = (i.draft.issuedBy ?? '').trim();
  if (i.signOff) {
    const p = await confirmPerson(s.db, i.signOff.login, i.signOff.password, ['duty-leader'], { zh: '签发报告', en: 'sign the report off' }, s.clock.now(), ctx.from ?? ctx.transport, 'signOff');
    return p.name;
  }
  const trusted = !ctx.person && (ctx.transport === 'cli' || ctx.transport === 'test');
  if (!typed) {
    // The plan's rule that a written report goes out signed off (县定): a duty leader filing it signs it themselves;
    // anyone else needs a leader's own password here. The CLI and in-process tests file as given.
    const row = logFor(s.db, s.clock, s.logEngine).incidentRow(i.incidentId);
    const plan = s.plans.get(row.planId, row.planVersion);
    const written = plan.reportChannels.find((c) => c.id === i.draft.channel)?.written ?? true;
    if (!plan.reportSignOff || !written || trusted) return '';
    if (ctx.person?.roles.includes('duty-leader')) return ctx.person.name;
    throw new AppError({
      code: 'forbidden',
      message: `字段 signOff.login：${plan.reportSignOff.text}（${plan.reportSignOff.clause}）；请带班领导输入登录名和本人密码签发；未报送`,
      messageEn: `field signOff.login: this plan sends a written report only once a duty leader has signed it off (${plan.reportSignOff.clause}); a duty leader must confirm with their sign-in name and password. Nothing was filed`,
      field: 'signOff.login',
      rule: 'sign-off-required',
    });
  }
  if (trusted) return typed;
  if (ctx.person?.roles.includes('duty-leader') && ctx.person.name === typed) return typed;
  throw new AppError({
    code: 'forbidden',
    message: `字段 issuedBy：签发人须由带班领导本人确认（输入其登录名和密码），不能只填写姓名“${typed}”；未报送`,
    messageEn: `field issuedBy: the sign-off needs the duty leader's own sign-in name and password, not a typed name; nothing was filed`,
    field: 'issuedBy',
    rule: 'sign-off',
  });
}

type Names = 'reports.view' | 'reports.file' | 'reports.render';

export const reportHandlers: HandlerTable<Names> = {
  'reports.view': (i, _ctx, s) => reportsView(s, i.incidentId),
  'reports.file': async (i, ctx, s) => {
    const issuedBy = await signOffOf(i, ctx, s);
    return fileReport(s, ctx.actor, { incidentId: i.incidentId, occurredAt: i.occurredAt, draft: { ...i.draft, issuedBy } });
  },
  'reports.render': async (i, _ctx, s) => {
    const r = await renderReport(s, i.incidentId, i.seq, i.format);
    return { fileName: r.fileName, mime: r.mime, base64: r.bytes.toString('base64'), bytes: r.bytes.length };
  },
};
