import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { formatBeijing, useT } from '../i18n';
import { useCommand } from '../query/client';
import { pathOf } from '../router/routes';
import { useUi } from '../store';
import { INCIDENTS_VIEW } from './ids';
import { dueNow, HORIZON_MINUTES, loadAnnounced, saveAnnounced, SOON_MINUTES, toAnnounce } from './notify';
import { clockText, useNow } from './util';

function permission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Deadlines across every open incident, on every screen: a red line for each overdue obligation, amber for one due
 * within 15 minutes. The core's deadlines of the next 24 hours are read once and again after every write (change
 * stream); which are due now is the clock's business, here (`dueNow`), so nothing polls. In the browser console it
 * also raises a desktop notification (Notification API, permission asked on a click) that opens its incident; the
 * Electron shell notifies from its main process.
 */
export function DueBanner() {
  const t = useT();
  const go = useUi((s) => s.go);
  const open = useUi((s) => s.open);
  const [perm, setPerm] = useState(permission);
  const announced = useRef<Set<string>>(loadAnnounced());
  const now = useNow();
  // The read covers the next 24 hours; it is read again before that horizon runs out (the clock, not a poll).
  const due = useCommand('console.due', { soonMinutes: HORIZON_MINUTES });
  const { refetch } = due;
  const stale = due.dataUpdatedAt > 0 && now - due.dataUpdatedAt > (HORIZON_MINUTES - SOON_MINUTES) * 60_000;
  useEffect(() => {
    if (stale) void refetch();
  }, [stale, refetch]);
  // the board shows connection errors; the banner stays as it was
  const shown = dueNow(due.data?.items ?? [], now);

  useEffect(() => {
    if (api().transport !== 'http' || perm !== 'granted') return;
    const fresh = toAnnounce(shown, announced.current);
    if (fresh.length === 0) return;
    for (const i of fresh) {
      const title = i.phase === 'overdue' ? t('inc.notify.overdue', { label: i.label }) : t('inc.notify.soon', { label: i.label });
      const n = new Notification(title, { body: t('inc.notify.body', { id: i.incidentId, title: i.title, due: formatBeijing(i.dueAt, false), clause: i.clause }), tag: i.key });
      // A click brings the console forward on the incident (its address; a fire is handed on to its own screen).
      n.onclick = () => {
        window.focus();
        open(pathOf(INCIDENTS_VIEW, i.incidentId));
      };
      announced.current.add(i.key);
    }
    saveAnnounced(announced.current, shown);
  }, [shown, perm, t, open]);

  async function ask() {
    if (typeof Notification === 'undefined') return;
    setPerm(await Notification.requestPermission());
  }

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
