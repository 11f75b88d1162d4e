import { useEffect, useState } from 'react';
import { AppError } from '../../../shared/api/errors';
import { formatShanghai } from '../../../shared/base/time';
import type { LevelId, Plan } from '../../../shared/engine';
import { useLocale, type Locale } from '../i18n';

/** The page's own clock, ticking every `ms` (Playwright's page.clock drives it in the e2e tests). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export interface ErrorInfo {
  message: string;
  field?: string;
  rule?: string;
}

/** The core's error in the officer's language, with the field it is about. */
export function errorInfo(e: unknown, locale: Locale): ErrorInfo {
  if (e instanceof AppError) return { message: locale === 'en' ? e.body.messageEn : e.body.message, field: e.body.field, rule: e.body.rule };
  const b = (e as { body?: { message?: string; messageEn?: string; field?: string } }).body;
  if (b?.message) return { message: (locale === 'en' ? b.messageEn : b.message) ?? b.message, field: b.field };
  return { message: (e as Error)?.message ?? String(e) };
}

export function useErrorInfo(): (e: unknown) => ErrorInfo {
  const locale = useLocale((s) => s.locale);
  return (e) => errorInfo(e, locale);
}

/**
 * One action's error on a screen: `run` clears it, awaits the call and keeps the core's refusal (in the officer's
 * language, with its field) if there is one; true when it went through. `errAt` is the message for one field.
 */
export function useSave(): { error: ErrorInfo | null; run(fn: () => Promise<unknown>): Promise<boolean>; errAt(f: string): string | null } {
  const toError = useErrorInfo();
  const [error, setError] = useState<ErrorInfo | null>(null);
  return {
    error,
    async run(fn) {
      setError(null);
      try {
        await fn();
        return true;
      } catch (e) {
        setError(toError(e));
        return false;
      }
    },
    errAt: (f) => (error?.field === f ? error.message : null),
  };
}

export function unitName(plan: Plan | null, id: string | null | undefined): string {
  if (!id) return '';
  return plan?.units.find((u) => u.id === id)?.name ?? id;
}

export function levelClass(level: LevelId | null | undefined): string {
  return level ? `lvl lvl-${level}` : 'lvl lvl-none';
}

/** "1:05:09" / "42:13" / "13天23小时" (English: "13 d 23 h"); negative durations are given as their absolute value. */
export function clockText(ms: number, locale: Locale = useLocale.getState().locale): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  if (h >= 48) return locale === 'en' ? `${Math.floor(h / 24)} d ${h % 24} h` : `${Math.floor(h / 24)}天${h % 24}小时`;
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** `2026-11-24T00:40` in Asia/Shanghai for a datetime-local input, whatever the browser's own time zone. */
export function toShanghaiInput(ms: number): string {
  return formatShanghai(ms).replace(' ', 'T');
}

/** A datetime-local value read as Asia/Shanghai wall time → UTC ISO; null when empty or not a time. */
export function fromShanghaiInput(v: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) return null;
  const ms = Date.parse(`${v.length === 16 ? `${v}:00` : v}+08:00`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

const OFFICER_KEY = 'ercon.officer';

/** The duty officer's name, remembered on this machine: it is prefilled as "who" on checklist items and approvals. */
export function loadOfficer(): string {
  try {
    return globalThis.localStorage?.getItem(OFFICER_KEY) ?? '';
  } catch {
    return '';
  }
}
export function saveOfficer(name: string): void {
  try {
    globalThis.localStorage?.setItem(OFFICER_KEY, name.trim());
  } catch {
    /* not remembered */
  }
}
