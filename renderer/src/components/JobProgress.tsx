import type { MessageKey } from '../i18n';
import { useT } from '../i18n';
import { useJobs } from '../query/jobs';

/** What each long job is doing, in the officer's words; any other command is 正在处理. */
const LABELS: Record<string, MessageKey> = {
  'map.import.preview': 'job.map.import.preview',
  'map.import.commit': 'job.map.import.commit',
  'map.export': 'job.map.export',
  'reports.render': 'job.reports.render',
  'log.backup': 'job.log.backup',
  'log.verify': 'job.log.verify',
  'fire.ledger.import': 'job.fire.ledger.import',
  'fire.ledger.export': 'job.fire.ledger.export',
  'tiles.add': 'job.tiles.add',
};

/**
 * A progress bar for each long job of this workstation while it runs: with the count when the job reports one (an
 * import, every 1,000 features), without (indeterminate) until then.
 */
export function JobProgress() {
  const t = useT();
  const running = Object.values(useJobs((s) => s.running));
  if (running.length === 0) return null;
  return (
    <div className="job-progress" role="region" aria-label={t('job.region')}>
      {running.map((j) => {
        const what = t(LABELS[j.command] ?? 'job.other');
        const label = j.total > 0 ? t('job.running', { what, done: j.done.toLocaleString('zh-CN'), total: j.total.toLocaleString('zh-CN') }) : `${what}…`;
        return (
          <label key={j.job} className="job-progress-item" data-testid="job-progress">
            <span>{label}</span>
            {j.total > 0 ? <progress max={j.total} value={j.done} aria-label={label} /> : <progress aria-label={label} />}
          </label>
        );
      })}
    </div>
  );
}
