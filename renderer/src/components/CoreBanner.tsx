import { useEffect } from 'react';
import { onStorageError } from '../api/client';
import { useLocale, useT } from '../i18n';
import { queryClient, useCommand } from '../query/client';

/**
 * What the officer must know about the log itself, on every screen: the core runs read-only (a read-only file or disk,
 * or a damaged database — with the newest good backup and the restore command), or start-up found the log does not
 * match its head witness (a cut tail or a rewritten chain). Read once at start, and again whenever a command is
 * refused by the database (the core may have just switched to read-only); no polling.
 */
export function CoreBanner() {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const q = useCommand('system.health', {}, { afterStart: true });
  useEffect(() => onStorageError(() => void queryClient.invalidateQueries({ queryKey: ['system.health'] })), []);
  const h = q.data;
  if (!h) return null;
  const ro = h.readOnly;
  const findings = h.anchorFindings ?? [];
  if (!ro && findings.length === 0) return null;
  return (
    <div className="core-banner" role="alert" data-testid="core-banner">
      {ro && (
        <div data-testid="core-readonly" data-reason={ro.reason}>
          <strong>{t(ro.reason === 'corrupt' ? 'core.banner.corrupt' : 'core.banner.readOnly')}</strong>{' '}
          {ro.restoreCommand ? (
            <>
              {t('core.banner.backup', { file: ro.newestGoodBackup ?? '' })} {t('core.banner.restore')} <code className="mono">{ro.restoreCommand}</code>
              <details>
                <summary>{t('core.banner.details')}</summary>
                {en ? ro.messageEn : ro.message}
              </details>
            </>
          ) : (
            (en ? ro.messageEn : ro.message)
          )}
        </div>
      )}
      {findings.length > 0 && (
        <div data-testid="core-anchor">
          <strong>{t('core.banner.anchor')}</strong>
          <ul>
            {findings.map((f) => (
              <li key={f.en}>{en ? f.en : f.zh}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
