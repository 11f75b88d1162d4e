import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CONTACT_KINDS } from '../../../shared/api/contacts';
import type { ContactUnit } from '../../../shared/api';
import { api } from '../api/client';
import { useT } from '../i18n';
import { Field } from '../incidents/Dialog';
import { useSave } from '../incidents/util';
import { useCommand } from '../query/client';
import { XlsxImport } from '../components/XlsxImport';
import { download } from '../components/files';

/** 通讯录: find a unit or a person by name, post or number; the units the plans name that still have no contact. */
export function ContactsView() {
  const t = useT();
  const [q, setQ] = useState('');
  const list = useCommand('contacts.list', { q }, { placeholderData: (prev) => prev });
  const gaps = useCommand('contacts.gaps', {});
  // The screen opens (Alt+9) with the search field focused: one key from anywhere, then type a name or a number. After
  // the navigation's own focus move (App.tsx focuses <main>), hence the next tick.
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const id = setTimeout(() => search.current?.focus(), 0);
    return () => clearTimeout(id);
  }, []);
  return (
    <section aria-labelledby="ct-h" className="contacts">
      <h1 id="ct-h" tabIndex={-1}>
        {t('ct.heading')}
      </h1>
      <Field id="ct-q" label={t('ct.search')}>
        <input id="ct-q" ref={search} type="search" value={q} maxLength={100} onChange={(e) => setQ(e.target.value)} />
      </Field>
      {list.data && !list.data.units.length && <p className="muted">{t('ct.none')}</p>}
      <ul className="ct-list" data-testid="ct-list">
        {list.data?.units.map((u) => <UnitCard key={u.id} u={u} />)}
      </ul>
      <div className="row-actions">
        <button type="button" className="secondary" onClick={() => void api().invoke('contacts.export', {}).then((r) => download(r.fileName, r.content, true))}>
          {t('ct.export')}
        </button>
        <XlsxImport command="contacts.import" label={t('ct.import')} />
      </div>
      <AddUnit />
      <h2>{t('ct.gaps')}</h2>
      {gaps.data && !gaps.data.gaps.length && <p className="muted">{t('ct.gaps.none')}</p>}
      <ul data-testid="ct-gaps">
        {gaps.data?.gaps.map((g) => (
          <li key={g.unitId}>
            {g.name} <span className="muted mono">{g.unitId}</span> <span className="muted">（{g.plans.join('、')}）</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function UnitCard({ u }: { u: ContactUnit }) {
  const t = useT();
  return (
    <li className="card" data-unit={u.name}>
      <strong>{u.name}</strong> <span className="muted">{t(`ct.kind.${u.kind}`)}</span>
      {u.dutyPhone && (
        <span>
          {' '}
          · {t('ct.dutyPhone')} <a href={`tel:${u.dutyPhone}`}>{u.dutyPhone}</a>
        </span>
      )}
      {u.fax && <span> · {t('ct.fax')} {u.fax}</span>}
      {u.planUnits.length > 0 && <span className="muted mono"> · {u.planUnits.join(', ')}</span>}
      <ul>
        {u.people.map((p) => (
          <li key={p.id}>
            {p.name} {p.post} {p.mobile && <a href={`tel:${p.mobile}`}>{p.mobile}</a>} {p.officePhone}
          </li>
        ))}
      </ul>
      <AddPerson unitId={u.id} />
    </li>
  );
}

function AddUnit() {
  const t = useT();
  const blank = { name: '', kind: 'member' as (typeof CONTACT_KINDS)[number], dutyPhone: '', fax: '', planUnits: '' };
  const [f, setF] = useState(blank);
  const s = useSave();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await s.run(() => api().invoke('contacts.saveUnit', { ...f, planUnits: f.planUnits.split(/[,，\s]+/u).filter(Boolean) }));
    if (ok) setF(blank);
  }
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate data-testid="ct-add-unit">
      <h2>{t('ct.addUnit')}</h2>
      <div className="grid3">
        <Field id="ct-name" label={t('ct.unitName')} error={s.errAt('name')}>
          <input id="ct-name" value={f.name} maxLength={100} onChange={(e) => setF({ ...f, name: e.target.value })} />
        </Field>
        <Field id="ct-kind" label={t('ct.kind')}>
          <select id="ct-kind" value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as typeof f.kind })}>
            {CONTACT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`ct.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="ct-duty" label={t('ct.dutyPhone')} error={s.errAt('dutyPhone')}>
          <input id="ct-duty" value={f.dutyPhone} maxLength={40} onChange={(e) => setF({ ...f, dutyPhone: e.target.value })} />
        </Field>
        <Field id="ct-fax" label={t('ct.fax')} error={s.errAt('fax')}>
          <input id="ct-fax" value={f.fax} maxLength={40} onChange={(e) => setF({ ...f, fax: e.target.value })} />
        </Field>
        <Field id="ct-plan" label={t('ct.planUnits')} error={s.errAt('planUnits') ?? s.errAt('planUnits.0')}>
          <input id="ct-plan" value={f.planUnits} placeholder="amr, health" onChange={(e) => setF({ ...f, planUnits: e.target.value })} />
        </Field>
      </div>
      {s.error && !['name', 'dutyPhone', 'fax', 'planUnits', 'planUnits.0'].includes(s.error.field ?? '') && (
        <p className="field-error" role="alert">
          {s.error.message}
        </p>
      )}
      <button type="submit" className="primary">
        {t('ct.save')}
      </button>
    </form>
  );
}

function AddPerson({ unitId }: { unitId: number }) {
  const t = useT();
  const blank = { name: '', post: '', mobile: '' };
  const [f, setF] = useState(blank);
  const s = useSave();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await s.run(() => api().invoke('contacts.savePerson', { unitId, ...f }))) setF(blank);
  }
  return (
    <form className="ct-add-person" onSubmit={(e) => void submit(e)} noValidate>
      <input aria-label={t('ct.person')} placeholder={t('ct.person')} value={f.name} maxLength={50} onChange={(e) => setF({ ...f, name: e.target.value })} />
      <input aria-label={t('ct.post')} placeholder={t('ct.post')} value={f.post} maxLength={50} onChange={(e) => setF({ ...f, post: e.target.value })} />
      <input aria-label={t('ct.mobile')} placeholder={t('ct.mobile')} value={f.mobile} maxLength={40} onChange={(e) => setF({ ...f, mobile: e.target.value })} />
      <button type="submit" className="secondary">
        {t('ct.addPerson')}
      </button>
      {s.error && (
        <span className="field-error" role="alert">
          {s.error.message}
        </span>
      )}
    </form>
  );
}
