import { Component, Suspense, useEffect, type ReactNode } from 'react';
import { Clock } from './components/Clock';
import { JobProgress } from './components/JobProgress';
import { CoreBanner } from './components/CoreBanner';
import { PersonBadge } from './people/SignIn';
import { OnDutyBadge } from './people/OnDutyBadge';
import { HandoverBanner } from './handover/HandoverBanner';
import { ConnectionBanner, ConnectionIndicator } from './components/Connection';
import { DueBanner } from './incidents';
import { LOCALES, useLocale, useT } from './i18n';
import { useUi } from './store';
import { views } from './views/registry';

export function App() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { view: chosen, go } = useUi();
  const current = views.find((v) => v.id === chosen) ?? views[0]!;
  const Current = current.component;

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);

  // Landing: the focus on the screen's main region (a screen's own autofocus, e.g. the intake's first field, wins),
  // not on BODY, so a keyboard or screen-reader user starts where the work is.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) document.getElementById('main')?.focus();
  }, []);

  // Alt+<hotkey> jumps to a screen, so the duty officer never needs the mouse to move around.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const v = views.find((x) => x.hotkey && x.hotkey === e.key);
      if (v) {
        e.preventDefault();
        go(v.id);
        document.getElementById('main')?.focus();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  return (
    <div className="app">
      {/* Not href="#main": the hash is the console's address (router/routes.ts). */}
      <a
        className="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-title">{t('app.title')}</span>
          <span className="brand-sub">{t('app.subtitle')}</span>
        </div>
        <ConnectionIndicator />
        <Clock />
        <OnDutyBadge />
        <PersonBadge />
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
      <ConnectionBanner />
      <CoreBanner />
      <DueBanner />
      <HandoverBanner />
      <JobProgress />
      <div className="body">
        <nav aria-label={t('nav.label')} className="sidenav">
          <ul>
            {views.map((v) => (
              <li key={v.id}>
                <button type="button" aria-current={current.id === v.id ? 'page' : undefined} aria-keyshortcuts={v.hotkey ? `Alt+${v.hotkey}` : undefined} onClick={() => go(v.id)}>
                  {t(v.navKey)}
                  {v.hotkey && <kbd className="hotkey">Alt+{v.hotkey}</kbd>}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <ScreenBoundary key={current.id}>
            <Suspense fallback={<p className="muted">{t('app.screenLoading')}</p>}>
              <Current />
            </Suspense>
          </ScreenBoundary>
        </main>
      </div>
    </div>
  );
}

/**
 * A screen whose code could not be fetched (views/registry.tsx loads each on first use): says so and offers a reload,
 * instead of a blank page. A new screen (another id) gets a new boundary.
 */
class ScreenBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? <ScreenFailed message={this.state.error.message} /> : this.props.children;
  }
}

function ScreenFailed({ message }: { message: string }) {
  const t = useT();
  return (
    <div className="alert alert-error" role="alert">
      {t('app.screenFailed', { message })}{' '}
      <button type="button" onClick={() => location.reload()}>
        {t('app.reload')}
      </button>
    </div>
  );
}
