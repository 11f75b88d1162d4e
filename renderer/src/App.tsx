import { useEffect } from 'react';
import { Clock } from './components/Clock';
import { LOCALES, useLocale, useT } from './i18n';
import { useUi, type View } from './store';
import { StatusView } from './views/StatusView';

const NAV: ReadonlyArray<{ view: View; key: 'nav.status' }> = [{ view: 'status', key: 'nav.status' }];

export function App() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { view, go } = useUi();

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);

  return (
    <div className="app">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-title">{t('app.title')}</span>
          <span className="brand-sub">{t('app.subtitle')}</span>
        </div>
        <Clock />
        <label className="lang">
          <span className="sr-only">{t('lang.label')}</span>
          <select aria-label={t('lang.label')} value={locale} onChange={(e) => setLocale(e.target.value as typeof locale)}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </header>
      <div className="body">
        <nav aria-label={t('nav.label')} className="sidenav">
          <ul>
            {NAV.map((n) => (
              <li key={n.view}>
                <button type="button" aria-current={view === n.view ? 'page' : undefined} onClick={() => go(n.view)}>
                  {t(n.key)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          {view === 'status' && <StatusView />}
        </main>
      </div>
    </div>
  );
}
