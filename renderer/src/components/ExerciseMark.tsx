import { useT } from '../i18n';

/** An exercise (演练, issue 16 item 4) said plainly: a strip across the top of its page. */
export function ExerciseBanner({ exercise }: { exercise: boolean }) {
  const t = useT();
  if (!exercise) return null;
  return (
    <p className="exercise-banner" role="note" data-testid="exercise-banner">
      <strong>{t('inc.exercise.tag')}</strong> {t('inc.exercise.banner')}
    </p>
  );
}

/** The short 演练 tag for a row (board, fire list). */
export function ExerciseTag({ exercise }: { exercise: boolean }) {
  const t = useT();
  if (!exercise) return null;
  return (
    <span className="tag tag-exercise" data-testid="tag-exercise">
      {t('inc.exercise.tag')}
    </span>
  );
}

/** The intake's choice: open the incident as an exercise (it cannot be changed once opened). */
export function ExercisePick({ exercise, onChange }: { exercise: boolean; onChange(on: boolean): void }) {
  const t = useT();
  return (
    <>
      <label className="exercise-pick" title={t('inc.new.exerciseHint')}>
        <input type="checkbox" checked={exercise} onChange={(e) => onChange(e.target.checked)} data-testid="new-exercise" /> {t('inc.new.exercise')}
      </label>
      {exercise && <p className="hint exercise-banner">{t('inc.new.exerciseHint')}</p>}
    </>
  );
}
