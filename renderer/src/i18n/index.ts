import { create } from 'zustand';
import { formatShanghai } from '../../../shared/base/time';
import { enMessages, zhMessages, type MessageKey } from './messages';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const DICTS: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhMessages, en: enMessages };
const STORAGE_KEY = 'ercon.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    /* storage unavailable: default */
  }
  return 'zh-CN';
}

interface LocaleState {
  locale: Locale;
  setLocale(l: Locale): void;
}

export const useLocale = create<LocaleState>((set) => ({
  locale: initialLocale(),
  setLocale(locale) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      /* not persisted */
    }
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
    set({ locale });
  },
}));

export type Params = Record<string, string | number>;

/** Translate `key` into `locale`, filling `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const s = DICTS[locale][key] ?? zhMessages[key];
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

type Translator = (key: MessageKey, params?: Params) => string;
/** One translator per locale, so `t` keeps its identity between renders. */
const TRANSLATORS = Object.fromEntries(LOCALES.map((l) => [l, ((key, params) => translate(l, key, params)) satisfies Translator])) as Record<Locale, Translator>;

/**
 * The hook every component uses: `const t = useT(); t('nav.status')`. The same function until the locale changes:
 * effects that list `t` run again for a new language, not at every render (a new `t` per render redrew the map's
 * 10,000 points and its county boundaries whenever the map screen re-rendered: issue 17 item 4).
 */
export function useT(): Translator {
  return TRANSLATORS[useLocale((s) => s.locale)];
}

/** Format an ISO instant as Beijing time (Asia/Shanghai), e.g. 2026-11-23 18:43:31 — the engine's own formatter. */
export function formatBeijing(iso: string | Date, withSeconds = true): string {
  return formatShanghai(iso, { seconds: withSeconds });
}

export type { MessageKey };
