import { formatBeijing, useT } from '../i18n';
import { clockText } from './util';

/**
 * A deadline with a live countdown from the page's clock: calm while there is time, amber within 15 minutes,
 * red once past (疫苗预案 5.1 first report within 1 h; 5.2/6.4 final report within 2 weeks).
 */
export function Deadline({ label, dueAt, now, clause, filed, late, county }: { label: string; dueAt: string; now: number; clause?: string; filed?: boolean; late?: boolean; county?: boolean }) {
  const t = useT();
  const left = Date.parse(dueAt) - now;
  const over = !filed && left < 0;
  const soon = !filed && !over && left <= 15 * 60_000;
  return (
    <span className={`deadline${over ? ' overdue' : soon ? ' soon' : ''}${filed ? (late ? ' filed late' : ' filed') : ''}`} data-testid="deadline" data-overdue={over ? 'true' : undefined} data-late={late ? 'true' : undefined}>
      <span className="dl-label">{label}</span>{' '}
      <span className="dl-due">{t('inc.dl.due', { at: formatBeijing(dueAt, false) })}</span>{' '}
      <strong className="dl-count">{filed ? t(late ? 'inc.dl.filedLate' : 'inc.dl.filed') : over ? t('inc.dl.overdue', { left: clockText(left) }) : t('inc.dl.left', { left: clockText(left) })}</strong>
      {clause && <span className="clause">（{clause}）</span>}
      {county && <span className="tag" title={t('inc.dl.countyTitle')}>{t('inc.dl.county')}</span>}
    </span>
  );
}
