import { useT } from '../i18n';
import { useJobs } from '../query/jobs';

/** A progress bar for each long job of this workstation (an import of many features) while it runs. */
export function JobProgress() {
  const t = useT();
  const running = Object.values(useJobs((s) => s.running));
  if (running.length === 0) return null;
  return (
    <div className="job-progress" role="region" aria-label={t('job.region')}>
      {running.map((j) => {
        const what = j.command === 'map.import.commit' ? t('job.map.import.commit') : t('job.other');
        const label = t('job.running', { what, done: j.done.toLocaleString('zh-CN'), total: j.total.toLocaleString('zh-CN') });
        return (
          <label key={j.job} className="job-progress-item" data-testid="job-progress">
            <span>{label}</span>
            <progress max={j.total} value={j.done} aria-label={label} />
          </label>
        );
      })}
    </div>
  );
}
