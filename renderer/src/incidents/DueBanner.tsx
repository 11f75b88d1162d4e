import { useCallback, useEffect, useRef, useState } from 'react';
import type { DueItem } from '../../../shared/api/console';
import { api } from '../api/client';
import { formatBeijing, useT } from '../i18n';
import { useUi } from '../store';
import { INCIDENTS_VIEW } from './ids';
import { loadAnnounced, saveAnnounced, toAnnounce } from './notify';
import { clockText, useNow } from './util';

const POLL_MS = 30_000;

function permission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Deadlines across every open incident, on every screen: a red line for each overdue obligation, amber for one due
 * within 15 minutes. Checked at start-up and every 30 s. In the browser console it also raises a desktop
 * notification (Notification API, permission asked on a click); the Electron shell notifies from its main process.
 */
export function DueBanner() {
  const t = useT();
  const go = useUi((s) => s.go);
  const [items, setItems] = useState<DueItem[]>([]);
  const [perm, setPerm] = useState(permission);
  const announced = useRef<Set<string>>(loadAnnounced());
  const now = useNow();

  const check = useCallback(async () => {
    try {
      const r = await api().invoke('console.due', { soonMinutes: 15 });
      setItems(r.items);
      if (api().transport === 'http' && permission() === 'granted') {
        for (const i of toAnnounce(r.items, announced.current)) {
          const title = i.phase === 'overdue' ? t('inc.notify.overdue', { label: i.label }) : t('inc.notify.soon', { label: i.label });
          new Notification(title, { body: t('inc.notify.body', { id: i.incidentId, title: i.title, due: formatBeijing(i.dueAt, false), clause: i.clause }), tag: i.key });
          announced.current.add(i.key);
        }
        saveAnnounced(announced.current, r.items);
      }
    } catch {
      /* the board shows connection errors; the banner stays as it was */
    }
  }, [t]);

  useEffect(() => {
    void check();
    const id = setInterval(() => void check(), POLL_MS);
    window.addEventListener('ercon:incident-changed', check);
    return () => {
      clearInterval(id);
      window.removeEventListener('ercon:incident-changed', check);
    };
  }, [check]);

  async function ask() {
    if (typeof Notification === 'undefined') return;
    setPerm(await Notification.requestPermission());
    void check();
  }

  const shown = items.filter((i) => i.phase === 'overdue' || Date.parse(i.dueAt) - now <= 15 * 60_000);
  if (shown.length === 0 && (perm !== 'default' || api().transport !== 'http')) return null;
  return (
    <div className="due-banner" role="region" aria-label={t('inc.notify.region')} data-testid="due-banner">
      {shown.map((i) => {
        const over = Date.parse(i.dueAt) < now;
        return (
          <button key={i.key} type="button" className={`due-item${over ? ' overdue' : ' soon'}`} onClick={() => go(INCIDENTS_VIEW, i.incidentId)} data-testid="due-item">
            {over ? t('inc.notify.overdue', { label: i.label }) : t('inc.notify.soon', { label: i.label })} · {i.incidentId} {i.title} · {t(over ? 'inc.dl.overdue' : 'inc.dl.left', { left: clockText(Date.parse(i.dueAt) - now) })}
          </button>
        );
      })}
      {perm === 'default' && api().transport === 'http' && (
        <button type="button" className="secondary enable-notify" onClick={() => void ask()}>
          {t('inc.notify.enable')}
        </button>
      )}
    </div>
  );
}
