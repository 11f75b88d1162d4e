import { burningTimer, classifyForestFire } from '../../../shared/fire/incident';
import { forestFirePlan } from '../../../shared/plans/forest-fire';
import { formatBeijing, useLocale, useT } from '../i18n';
import { clockText } from '../incidents/util';

/** The 第三十二条 items in clause order. */
export const REPORT_UP_FLAGS = forestFirePlan.flags.filter((f) => /^32\(\d\)$/.test(f.clause));

/** Raised report-up clauses: the facts' flags, plus 32(5) when the 24-hour timer has run out on a fire still burning. */
export function raisedFlags(facts: unknown, timerRaised: boolean): Set<string> {
  let fromFacts: string[] = [];
  try {
    fromFacts = classifyForestFire(facts).reportUpFlags;
  } catch {
    fromFacts = [];
  }
  const s = new Set(fromFacts);
  if (timerRaised) s.add('32(5)');
  return s;
}

/**
 * 《森林防火条例》第三十二条: the eight kinds of fire that must be reported up at once, each with its clause text; the
 * ones that hold are lit red, so nobody has to remember the list at 3 a.m.
 */
export function ReportUpFlags({ raised, timerRaised, id = 'fire-flags', title, closed }: { raised: Set<string>; timerRaised?: boolean; id?: string; title?: string; closed?: boolean }) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const n = raised.size;
  return (
    <section className={`fire-flags${n && !closed ? ' raised' : ''}`} aria-labelledby={`${id}-h`} data-testid={id}>
      <h2 id={`${id}-h`}>
        {title ?? t('fire.flags.heading')} {n > 0 ? <span className="badge badge-danger">{t('fire.flags.count', { n })}</span> : <span className="muted small">{t('fire.flags.noneRaised')}</span>}
      </h2>
      {n > 0 && <p className={closed ? 'muted' : 'fire-flags-say'}>{t(closed ? 'fire.flags.closed' : 'fire.flags.say')}</p>}
      <ul>
        {REPORT_UP_FLAGS.map((f) => {
          const on = raised.has(f.clause);
          return (
            <li key={f.clause} className={on ? 'on' : 'off'} data-testid={`${id === 'fire-flags' ? 'flag' : id}-${f.clause}`} data-raised={on ? 'true' : 'false'}>
              <span className="fire-flag-mark" aria-hidden="true">
                {on ? '⚑' : '·'}
              </span>
              <span className="fire-clause">{f.clause}</span> {en ? f.textEn : f.text}
              {on && f.clause === '32(5)' && timerRaised && <span className="small"> {t('fire.flags.byTimer')}</span>}
              <span className="sr-only">{on ? t('fire.flags.on') : t('fire.flags.off')}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** 32(5): 24 hours from the fire's start (not from the report); stops when the open fire is out. */
export function BurningTimer({ startedAt, extinguishedAt, now }: { startedAt: string | null; extinguishedAt: string | null; now: number }) {
  const t = useT();
  if (!startedAt) return <p className="muted">{t('fire.timer.noStart')}</p>;
  const b = burningTimer(startedAt, new Date(now), extinguishedAt);
  const cls = b.stopped ? 'stopped' : b.raised ? 'elapsed' : b.remainingMs <= 2 * 3_600_000 ? 'soon' : 'running';
  return (
    <div className={`fire-timer ${cls}`} data-testid="fire-timer" data-status={cls}>
      <span className="fire-clause">32(5)</span> <span>{t('fire.timer.label', { start: formatBeijing(b.startedAt, false), due: formatBeijing(b.dueAt, false) })}</span>{' '}
      <strong>
        {b.stopped
          ? t('fire.timer.stopped', { at: extinguishedAt ? formatBeijing(extinguishedAt, false) : '' })
          : b.raised
            ? t('fire.timer.elapsed', { over: clockText(b.remainingMs) })
            : t('fire.timer.left', { left: clockText(b.remainingMs) })}
      </strong>
    </div>
  );
}
