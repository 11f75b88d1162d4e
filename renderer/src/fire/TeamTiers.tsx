import { useEffect, useState } from 'react';
import type { CommandInput, CommandOutput } from '../../../shared/api';
import { keepPreviousData } from '@tanstack/react-query';
import { useCommand } from '../query/client';
import { useT } from '../i18n';
import { useErrorInfo } from '../incidents/util';

type Tiers = CommandOutput<'fire.teams.tiers'>;

/** 6(5): the tiers of firefighting teams, in the order they are called up, with a size check for a team on scene. */
export function TeamTiers() {
  const t = useT();
  const toError = useErrorInfo();
  const [sizes, setSizes] = useState<Record<string, string>>({});
  // What is asked of the core: the sizes typed so far, 250 ms after the last keystroke.
  const [asked, setAsked] = useState<CommandInput<'fire.teams.tiers'>>({});
  useEffect(() => {
    const given = Object.entries(sizes)
      .filter(([, v]) => /^\d+$/.test(v.trim()))
      .map(([tier, v]) => ({ tier: tier as 'village', size: Number(v) }));
    const h = setTimeout(() => setAsked(given.length ? { sizes: given } : {}), 250);
    return () => clearTimeout(h);
  }, [sizes]);
  const q = useCommand('fire.teams.tiers', asked, { placeholderData: keepPreviousData });
  const data: Tiers | null = q.data ?? null;
  const error = q.error ? toError(q.error).message : null;
  return (
    <section className="fire-tiers" aria-labelledby="fire-tiers-h" data-testid="fire-tiers">
      <h2 id="fire-tiers-h">{t('fire.tiers.heading')}</h2>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <table className="fire-table compact">
          <thead>
            <tr>
              <th scope="col">{t('fire.tiers.tier')}</th>
              <th scope="col">{t('fire.tiers.rule')}</th>
              <th scope="col">{t('fire.tiers.size')}</th>
            </tr>
          </thead>
          <tbody>
            {data.tiers.map((x) => {
              const check = data.checks.find((c) => c.tier === x.tier);
              return (
                <tr key={x.tier}>
                  <td>
                    <strong>{x.name}</strong>
                    <div className="small muted">{x.duty}</div>
                  </td>
                  <td className="small">
                    {x.text} <span className="clause">（{x.clause}）</span>
                  </td>
                  <td>
                    <label className="sr-only" htmlFor={`tier-${x.tier}`}>
                      {t('fire.tiers.sizeOf', { name: x.name })}
                    </label>
                    <input id={`tier-${x.tier}`} className="fire-size" inputMode="numeric" value={sizes[x.tier] ?? ''} placeholder={t('fire.tiers.sizePh')} onChange={(e) => setSizes((s) => ({ ...s, [x.tier]: e.target.value }))} />
                    {check && <div className={check.ok ? 'small ok-text' : 'field-error'}>{check.message}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
