import { useState, type FormEvent, type ReactNode } from 'react';
import { Dialog, Field } from '../incidents/Dialog';
import { useErrorInfo, type ErrorInfo } from '../incidents/util';

/**
 * A dialog that asks for the reason an action needs (办结 with steps still open, 放弃通知 …), in place of the browser's
 * prompt (which Electron does not have, and which cannot show our labels or a refusal). The reason is required: blank
 * (after trimming, as the core trims) is refused with `required` and nothing is sent; the trimmed text goes to `send`,
 * and the core's refusal is shown in the dialog. Closes itself (`onClose`) once `send` has answered.
 */
export function ReasonDialog({
  title,
  label,
  required,
  maxLength,
  submitLabel,
  testId,
  fieldId,
  send,
  onClose,
  children,
}: {
  title: string;
  label: string;
  /** The message for a blank reason, naming the field and the rule. */
  required: string;
  /** The core's limit (characters). */
  maxLength: number;
  submitLabel: string;
  testId: string;
  fieldId: string;
  send(note: string): Promise<unknown>;
  onClose(): void;
  /** Shown above the field: what the action leaves undone. */
  children?: ReactNode;
}) {
  const toError = useErrorInfo();
  const [note, setNote] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!note.trim()) return setError({ field: 'note', message: required });
    setError(null);
    setBusy(true);
    try {
      await send(note.trim());
      onClose();
    } catch (err) {
      setError(toError(err));
      setBusy(false);
    }
  }
  const noteError = error?.field === 'note' ? error.message : null;
  return (
    <Dialog title={title} onClose={onClose} onSubmit={(e) => void submit(e)} submitLabel={submitLabel} busy={busy} danger testId={testId}>
      {children}
      <Field id={fieldId} label={label} error={noteError}>
        <textarea
          id={fieldId}
          rows={3}
          value={note}
          maxLength={maxLength}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? `${fieldId}-err` : undefined}
          onChange={(e) => setNote(e.target.value)}
        />
      </Field>
      {error && !noteError && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
    </Dialog>
  );
}
