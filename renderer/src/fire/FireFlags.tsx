import type { Plan } from '../../../shared/engine';
import { burningTimer, burningTimerDef, classifyFire, reportUpItems } from '../../../shared/fire/incident';
import { formatBeijing, useLocale, useT } from '../i18n';
import { clockText } from '../incidents/util';

/**
 * Raised report-up clauses for facts typed under `plan`: the plan's must-report-up flags that hold, plus the clause of a
 * flag timer that has run out (the 2008 rules' 32(5)). Bad facts raise nothing from the facts (the form shows the error).
 */
export function raisedFlags(plan: Plan, facts: unknown, timerRaised: boolean): Set<string> {
  const s = new Set(classifyFire(plan, facts)?.reportUpFlags ?? []);
  const def = burningTimerDef(plan);
  if (timerRaised && def && def.flag && def.reportUp) s.add(def.clause);
  return s;
}

/**
 * The kinds of fire that must be reported up at once under the plan version in force for this fire (《森林防火条例》
 * 第三十二条 before 2026, 《森林草原防灭火条例》第三十五条 since), each with its clause text; the ones that hold are
 * lit red, so nobody has to remember the list at 3 a.m.
 */
export function ReportUpFlags({ plan, raised, timerRaised, id = 'fire-flags', title, closed }: { plan: Plan; raised: Set<string>; timerRaised?: boolean; id?: string; title?: string; closed?: boolean }) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const n = raised.size;
  const timer = burningTimerDef(plan);
  return (
    <section className={`fire-flags${n && !closed ? ' raised' : ''}`} aria-labelledby={`${id}-h`} data-testid={id}>
      <h2 id={`${id}-h`}>
        {title ?? t('fire.flags.heading')} {n > 0 ? <span className="badge badge-danger">{t('fire.flags.count', { n })}</span> : <span className="muted small">{t('fire.flags.noneRaised')}</span>}
      </h2>
      {n > 0 && (
        <p className={closed ? 'muted' : 'fire-flags-say'}>
          {t(closed ? 'fire.flags.closed' : 'fire.flags.say')}
          {!closed && plan.presentation.reportUpSay && `${en && plan.presentation.reportUpSay.textEn ? plan.presentation.reportUpSay.textEn : plan.presentation.reportUpSay.text}（${plan.presentation.reportUpSay.clause}）。`}
        </p>
      )}
      <ul>
        {reportUpItems(plan).map((f) => {
          const on = raised.has(f.clause);
          return (
            <li key={f.clause} className={on ? 'on' : 'off'} data-testid={`${id === 'fire-flags' ? 'flag' : id}-${f.clause}`} data-raised={on ? 'true' : 'false'}>
              <span className="fire-flag-mark" aria-hidden="true">
                {on ? '⚑' : '·'}
              </span>
              <span className="fire-clause">{f.clause}</span> {en && f.textEn ? f.textEn : f.text}
              {on && timer?.flag && f.clause === timer.clause && timerRaised && <span className="small"> {t('fire.flags.byTimer')}</span>}
              <span className="sr-only">{on ? t('fire.flags.on') : t('fire.flags.off')}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The plan's clock from the fire's start (not from the report), stopping when the open fire is out: under the 2008
 * rules 24 h raise 32(5); since 2026 the 24-hour mark is a prompt to decide (研判) under 35(5).
 */
export function BurningTimer({ plan, startedAt, extinguishedAt, now }: { plan: Plan; startedAt: string | null; extinguishedAt: string | null; now: number }) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const def = burningTimerDef(plan);
  if (!def) return null;
  if (!startedAt) return <p className="muted">{t('fire.timer.noStart', { clause: def.clause })}</p>;
  const b = burningTimer(def, startedAt, new Date(now), extinguishedAt);
  const cls = b.stopped ? 'stopped' : b.raised ? 'elapsed' : b.remainingMs <= 2 * 3_600_000 ? 'soon' : 'running';
  return (
    <div className={`fire-timer ${cls}`} data-testid="fire-timer" data-status={cls} data-mode={b.mode}>
      <span className="fire-clause">{b.clause}</span> <span>{t('fire.timer.label', { start: formatBeijing(b.startedAt, false), due: formatBeijing(b.dueAt, false) })}</span>{' '}
      <strong>
        {b.stopped
          ? t('fire.timer.stopped', { at: extinguishedAt ? formatBeijing(extinguishedAt, false) : '' })
          : b.raised
            ? t(b.mode === 'prompt' ? 'fire.timer.elapsedPrompt' : 'fire.timer.elapsed', { over: clockText(b.remainingMs) })
            : t('fire.timer.left', { left: clockText(b.remainingMs) })}
      </strong>
      {b.raised && b.mode === 'prompt' && (
        <p className="fire-timer-prompt" role="alert" data-testid="fire-timer-prompt">
          {en && def.textEn ? def.textEn : def.text}（{def.clause}）
        </p>
      )}
    </div>
  );
}
