import { useState, type FormEvent } from 'react';
import type { CommandInput, CommandOutput } from '../../../shared/api';
import { DANGER_LEVELS, type DangerLevel } from '../../../shared/fire/dangerLevels';
import { api } from '../api/client';
import { useCommand, useDayRefresh } from '../query/client';
import { useLocale, useT } from '../i18n';
import { Field } from '../incidents/Dialog';
import { useErrorInfo, type ErrorInfo } from '../incidents/util';

export type PostureData = CommandOutput<'fire.posture'>;
type Rating = NonNullable<PostureData['danger']['effective']>;


/**
 * Today's posture from the core (its clock decides "today" in Asia/Shanghai). A write (danger level, permit, fire)
 * refreshes it through the change stream; the clock refreshes it when the Beijing date turns (useDayRefresh).
 */
export function usePosture(): { data: PostureData | null; error: string | null } {
  const toError = useErrorInfo();
  const q = useCommand('fire.posture', {}, { afterStart: true });
  useDayRefresh('fire.posture');
  return { data: q.data ?? null, error: q.error ? toError(q.error).message : null };
}

/** The danger level as a badge in its QX/T 77-2007 colour, marked 官方 or 估算. */
export function DangerBadge({ rating }: { rating: Rating | null }) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  if (!rating) return <span className="fire-danger none" data-testid="fire-danger">{t('fire.danger.none')}</span>;
  const info = DANGER_LEVELS[rating.level as DangerLevel];
  return (
    <span className={`fire-danger danger-${rating.colour}`} data-testid="fire-danger" data-level={rating.level} data-kind={rating.kind}>
      <strong>{t('fire.danger.level', { level: rating.level, name: rating.name })}</strong> <span className="fire-danger-colour">{en ? rating.colour : info.colourZh}</span>{' '}
      <span className={`fire-tag ${rating.kind}`}>{rating.kind === 'official' ? t('fire.danger.official') : t('fire.danger.estimated')}</span>
      {rating.kind === 'official' ? <span className="small"> {rating.source}</span> : <span className="small"> {t('fire.danger.index', { index: rating.index })}</span>}
    </span>
  );
}

/** The facts of the day: special period, high-risk day or window, the next one, focus periods, danger level. */
function CalendarFacts({ p }: { p: PostureData }) {
  const t = useT();
  const c = p.calendar;
  return (
    <dl className="fire-facts">
      <dt>{t('fire.posture.special')}</dt>
      <dd data-testid="fire-special">
        {c.inSpecialPeriod ? (
          <strong className="fire-on">{t('fire.posture.special.in', { start: c.specialPeriod.start, end: c.specialPeriod.end, days: c.specialPeriod.daysUntilEnd })}</strong>
        ) : (
          <span>{t('fire.posture.special.out', { start: c.specialPeriod.start, days: c.specialPeriod.daysUntilStart })}</span>
        )}{' '}
        <span className="clause">（4(1)）</span>
      </dd>
      <dt>{t('fire.posture.today')}</dt>
      <dd data-testid="fire-today">
        {c.highRiskDay ? (
          <strong className="fire-hot">{t('fire.posture.highRiskDay', { name: c.highRiskDay })}</strong>
        ) : c.inHighRiskWindow ? (
          <strong className="fire-warm">
            {c.inHighRiskWindow.offsetDays < 0
              ? t('fire.posture.window.before', { name: c.inHighRiskWindow.name, date: c.inHighRiskWindow.date, n: -c.inHighRiskWindow.offsetDays })
              : t('fire.posture.window.after', { name: c.inHighRiskWindow.name, date: c.inHighRiskWindow.date, n: c.inHighRiskWindow.offsetDays })}
          </strong>
        ) : (
          <span className="muted">{t('fire.posture.noHighRisk')}</span>
        )}{' '}
        <span className="clause">（3(2)）</span>
      </dd>
      <dt>{t('fire.posture.next')}</dt>
      <dd data-testid="fire-next">
        {t('fire.posture.nextText', { name: c.nextHighRiskDay.name, date: c.nextHighRiskDay.date, n: c.nextHighRiskDay.daysAway })}
      </dd>
      <dt>{t('fire.posture.focus')}</dt>
      <dd data-testid="fire-focus">
        {c.focusPeriods.length ? (
          c.focusPeriods.map((f) => (
            <span key={f.name} className="fire-focus-item" title={f.basis}>
              {t('fire.posture.focusItem', { name: f.name, start: f.start, end: f.end })}
            </span>
          ))
        ) : (
          <span className="muted">{t('fire.posture.noFocus')}</span>
        )}{' '}
        <span className="clause">（6(7)）</span>
      </dd>
      <dt>{t('fire.posture.danger')}</dt>
      <dd>
        <DangerBadge rating={p.danger.effective} />
        {p.danger.official && p.danger.estimated && <span className="small muted"> {t('fire.danger.alsoEstimated', { level: p.danger.estimated.level })}</span>}
      </dd>
    </dl>
  );
}

const WEEKDAYS = { 'zh-CN': ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'], en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] } as const;

/**
 * `2026-11-07（星期六）` / `2026-11-07 (Saturday)`: the weekday of a calendar date, in the officer's language. (A table,
 * not Intl.DateTimeFormat: its first use loads the locale's date data, ~15 ms of the start screen's first draw.)
 */
function useDateTitle(): (date: string) => string {
  const locale = useLocale((s) => s.locale);
  return (date) => {
    const wd = WEEKDAYS[locale][new Date(`${date}T00:00:00Z`).getUTCDay()];
    return locale === 'en' ? `${date} (${wd})` : `${date}（${wd}）`;
  };
}

/**
 * The compact card for the start screen / incident board: today's posture at a glance. Clicking it (or Enter) opens
 * the forest-fire screen.
 */
export function FirePostureCard({ onOpen }: { onOpen?: () => void } = {}) {
  const t = useT();
  const { data, error } = usePosture();
  const dateTitle = useDateTitle();
  return (
    <section className={`fire-card sev-${data?.severity ?? 0}`} aria-labelledby="fire-card-h" data-testid="fire-posture-card">
      <div className="fire-card-head">
        <h2 id="fire-card-h">{t('fire.card.heading')}</h2>
        {data && <span className="muted">{dateTitle(data.calendar.date)}</span>}
        {data?.fireUseForbidden && <span className="badge badge-danger">{t('fire.posture.forbidden')}</span>}
        <span className="spacer" />
        {onOpen && (
          <button type="button" className="secondary small-btn" onClick={onOpen}>
            {t('fire.card.open')} <kbd className="hotkey light">Alt+4</kbd>
          </button>
        )}
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {!data && !error && <p role="status">{t('fire.loading')}</p>}
      {data && <CalendarFacts p={data} />}
    </section>
  );
}

/** The full posture: the card's facts, each line of the posture with its clause, and the danger forms. */
export function PosturePanel() {
  const t = useT();
  const { data, error } = usePosture();
  const dateTitle = useDateTitle();
  return (
    <div className="fire-posture">
      <section className={`panel wide fire-card sev-${data?.severity ?? 0}`} aria-labelledby="fire-posture-h" data-testid="fire-posture">
        <div className="fire-card-head">
          <h2 id="fire-posture-h">{t('fire.posture.heading')}</h2>
          {data && <span className="muted">{dateTitle(data.calendar.date)}</span>}
          {data && <span className={`fire-sev sev-${data.severity}`}>{t(`fire.sev.${data.severity}` as 'fire.sev.1')}</span>}
          {data?.fireUseForbidden && <span className="badge badge-danger">{t('fire.posture.forbidden')}</span>}
          {data && data.activePermits > 0 && <span className="tag">{t('fire.posture.activePermits', { n: data.activePermits })}</span>}
        </div>
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        {!data && !error && <p role="status">{t('fire.loading')}</p>}
        {data && (
          <div className="fire-posture-cols">
            <CalendarFacts p={data} />
            <ol className="fire-lines" data-testid="fire-lines" aria-label={t('fire.posture.lines')}>
              {data.lines.map((l, i) => (
                <li key={i}>
                  <span className="fire-clause">{l.clause}</span> {l.text}
                </li>
              ))}
            </ol>
          </div>
        )}
      </section>
      {data && <DangerForms date={data.calendar.date} />}
    </div>
  );
}

const LEVELS: DangerLevel[] = [1, 2, 3, 4, 5];

/** Enter the bureau's official level (the normal case) or the day's weather to estimate from (marked 估算). */
function DangerForms({ date }: { date: string }) {
  const t = useT();
  const toError = useErrorInfo();
  const [day, setDay] = useState(date);
  const [level, setLevel] = useState<DangerLevel>(3);
  const [source, setSource] = useState(() => t('fire.danger.defaultSource'));
  const [w, setW] = useState({ maxTempC: '', humidity14Pct: '', dryDays: '', windMs: '' });
  const [err, setErr] = useState<{ form: 'official' | 'weather'; info: ErrorInfo } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(form: 'official' | 'weather', e: FormEvent) {
    e.preventDefault();
    setErr(null);
    setDone(null);
    let input: CommandInput<'fire.danger.record'>;
    if (form === 'official') {
      if (!source.trim()) return setErr({ form, info: { field: 'official.source', message: t('fire.danger.err.source') } });
      input = { date: day, official: { level, source: source.trim() } };
    } else {
      const nums: Record<string, number> = {};
      for (const [k, v] of Object.entries(w)) {
        const s = v.trim();
        if (!/^-?\d+(\.\d+)?$/.test(s)) return setErr({ form, info: { field: `weather.${k}`, message: t('fire.danger.err.number') } });
        nums[k] = Number(s);
      }
      input = { date: day, weather: nums as { maxTempC: number; humidity14Pct: number; dryDays: number; windMs: number } };
    }
    setBusy(true);
    try {
      const r = await api().invoke('fire.danger.record', input);
      const eff = r.effective;
      setDone(eff ? t('fire.danger.saved', { date: r.date, level: eff.level, name: eff.name }) : '');
    } catch (e2) {
      setErr({ form, info: toError(e2) });
    } finally {
      setBusy(false);
    }
  }
  const errAt = (form: 'official' | 'weather', field: string) => (err && err.form === form && err.info.field === field ? err.info.message : null);
  const general = (form: 'official' | 'weather') => (err && err.form === form && !(err.info.field && /^(official|weather)\./.test(err.info.field)) && err.info.field !== 'date' ? err.info.message : null);

  return (
    <section className="panel wide fire-danger-forms" aria-labelledby="fire-dform-h">
      <h2 id="fire-dform-h">{t('fire.danger.heading')}</h2>
      <div className="fire-dform-date">
        <Field id="fd-date" label={t('fire.danger.date')} error={err?.info.field === 'date' ? err.info.message : null}>
          <input id="fd-date" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
        </Field>
        {done && (
          <p className="alert" role="status" data-testid="fire-danger-saved">
            {done}
          </p>
        )}
      </div>
      <div className="fire-dform-cols">
        <form onSubmit={(e) => void save('official', e)} noValidate aria-labelledby="fd-off-h" data-testid="fire-danger-official">
          <h3 id="fd-off-h">
            {t('fire.danger.officialForm')} <span className="fire-tag official">{t('fire.danger.official')}</span>
          </h3>
          <fieldset className="fire-levels">
            <legend>{t('fire.danger.levelPick')}</legend>
            {LEVELS.map((l) => (
              <label key={l} className={`radio danger-${DANGER_LEVELS[l].colour}`}>
                <input type="radio" name="fd-level" checked={level === l} onChange={() => setLevel(l)} />
                {t('fire.danger.level', { level: l, name: DANGER_LEVELS[l].name })}（{DANGER_LEVELS[l].colourZh}）
              </label>
            ))}
          </fieldset>
          <Field id="fd-source" label={t('fire.danger.source')} error={errAt('official', 'official.source')}>
            <input id="fd-source" value={source} maxLength={200} onChange={(e) => setSource(e.target.value)} />
          </Field>
          {general('official') && (
            <p className="field-error" role="alert">
              {general('official')}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('fire.danger.saveOfficial')}
          </button>
        </form>
        <form onSubmit={(e) => void save('weather', e)} noValidate aria-labelledby="fd-w-h" data-testid="fire-danger-weather">
          <h3 id="fd-w-h">
            {t('fire.danger.weatherForm')} <span className="fire-tag estimated">{t('fire.danger.estimated')}</span>
          </h3>
          <div className="grid2">
            {(
              [
                ['maxTempC', 'fire.w.maxTemp', '°C'],
                ['humidity14Pct', 'fire.w.humidity', '%'],
                ['dryDays', 'fire.w.dryDays', t('fire.unit.days')],
                ['windMs', 'fire.w.wind', 'm/s'],
              ] as const
            ).map(([k, label, unit]) => (
              <Field key={k} id={`fd-${k}`} label={t(label)} error={errAt('weather', `weather.${k}`)}>
                <div className="num">
                  <input id={`fd-${k}`} inputMode="decimal" value={w[k]} onChange={(e) => setW((x) => ({ ...x, [k]: e.target.value }))} />
                  <span className="unit">{unit}</span>
                </div>
              </Field>
            ))}
          </div>
          <p className="hint">{t('fire.danger.estimateHint')}</p>
          {general('weather') && (
            <p className="field-error" role="alert">
              {general('weather')}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {t('fire.danger.saveWeather')}
          </button>
        </form>
      </div>
    </section>
  );
}
