import { Field } from '../incidents/Dialog';

export interface Credentials {
  login: string;
  password: string;
}

/**
 * A person confirming on this screen with their own sign-in name and password (a duty leader's approval, a handover
 * signature, a roster swap): the two fields with the core's errors under them. `field` is the input's name in the
 * command (`approval`, `outgoing`, …): the errors come back as `<field>.login` / `<field>.password`.
 */
export function PasswordConfirm({ id, field, legend, loginLabel, passwordLabel, value, onChange, errAt, testId }: { id: string; field: string; legend: string; loginLabel: string; passwordLabel: string; value: Credentials; onChange(v: Credentials): void; errAt(field: string): string | null; testId?: string }) {
  return (
    <fieldset className="leader-confirm" data-testid={testId}>
      <legend>{legend}</legend>
      <div className="grid2">
        <Field id={`${id}-login`} label={loginLabel} error={errAt(`${field}.login`)}>
          <input id={`${id}-login`} autoComplete="off" value={value.login} maxLength={40} onChange={(e) => onChange({ ...value, login: e.target.value })} />
        </Field>
        <Field id={`${id}-password`} label={passwordLabel} error={errAt(`${field}.password`)}>
          <input id={`${id}-password`} type="password" autoComplete="off" value={value.password} maxLength={200} onChange={(e) => onChange({ ...value, password: e.target.value })} />
        </Field>
      </div>
    </fieldset>
  );
}
