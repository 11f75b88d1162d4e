import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { formatBeijing, useT } from '../i18n';
import { useCommand } from '../query/client';
import { pathOf } from '../router/routes';
import { useUi } from '../store';
import { INCIDENTS_VIEW } from './ids';
import { primeAlarmSound, soundAlarm, type SoundResult } from './alarm';
import { ALARMED_KEY, dueNow, HORIZON_MINUTES, loadAnnounced, saveAnnounced, SOON_MINUTES, toAnnounce } from './notify';
import { clockText, useNow } from './util';

type Permission = NotificationPermission | 'unsupported';
function permission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** How often an unacknowledged overdue alarm sounds again. */
const REPEAT_MS = 30_000;

/**
 * Deadlines across every open incident, on every screen: a red line for each overdue obligation, amber for one due
 * within 15 minutes. The core's deadlines of the next 24 hours are read once and again after every write (change
 * stream); which are due now is the clock's business, here (`dueNow`), so nothing polls. In the browser console it
 * also raises a desktop notification (Notification API, permission asked on a click) that opens its incident; the
 * Electron shell notifies from its main process. Whatever the permission, a deadline falling due sounds the in-app
 * alarm (alarm.ts, WebAudio; again every 30 s while an overdue one is not acknowledged) with a red line and 知道了;
 * the permission's state is shown as it is (granted, denied, not asked, not supported), never hidden.
 */
export function DueBanner() {
  const t = useT();
  const go = useUi((s) => s.go);
  const open = useUi((s) => s.open);
  const [perm, setPerm] = useState<Permission>(permission);
  const alarmed = useRef<Set<string>>(loadAnnounced(undefined, ALARMED_KEY));
  const [ringing, setRinging] = useState<string[]>([]);
  const [sound, setSound] = useState<SoundResult | null>(null);
  const announced = useRef<Set<string>>(loadAnnounced());
  const now = useNow();
  // The read covers the next 24 hours; it is read again before that horizon runs out (the clock, not a poll).
  const due = useCommand('console.due', { soonMinutes: HORIZON_MINUTES }, { afterStart: true });
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

  // The in-app alarm: each deadline once per phase (soon, overdue), with or without the permission.
  useEffect(() => {
    const fresh = toAnnounce(shown, alarmed.current);
    if (fresh.length === 0) return;
    for (const i of fresh) alarmed.current.add(i.key);
    saveAnnounced(alarmed.current, shown, undefined, ALARMED_KEY);
    setRinging((r) => [...r, ...fresh.map((i) => i.key).filter((k) => !r.includes(k))]);
    setSound(soundAlarm(fresh.some((i) => i.phase === 'overdue')));
  }, [shown]);
  const ringingItems = shown.filter((i) => ringing.includes(i.key));
  const ringingOverdue = ringingItems.some((i) => i.phase === 'overdue');
  useEffect(() => {
    if (!ringingOverdue) return;
    const timer = setInterval(() => setSound(soundAlarm(true)), REPEAT_MS);
    return () => clearInterval(timer);
  }, [ringingOverdue]);
  // Sound blocked until the page's first click or key: resumed then, and the alarm sounds if one is ringing.
  useEffect(() => primeAlarmSound(() => setSound((s) => (s === 'blocked' ? soundAlarm(true) : s))), []);
  // The permission can change in the browser's settings meanwhile: follow it.
  useEffect(() => {
    let status: PermissionStatus | null = null;
    void navigator.permissions
      ?.query({ name: 'notifications' })
      .then((p) => {
        status = p;
        p.onchange = () => setPerm(permission());
      })
      .catch(() => undefined);
    return () => {
      if (status) status.onchange = null;
    };
  }, []);

  async function ask() {
    if (typeof Notification === 'undefined') return;
    // The browser's answer, whatever it is (a denied request keeps the state shown, not a vanished button).
    await Notification.requestPermission();
    setPerm(permission());
  }

  const http = api().transport === 'http';
  if (shown.length === 0 && ringingItems.length === 0 && !http) return null;
  return (
    <div className="due-banner" role="region" aria-label={t('inc.notify.region')} data-testid="due-banner">
      {ringingItems.length > 0 && (
        <div className={`due-alarm${ringingOverdue ? ' overdue' : ''}`} role="alert" data-testid="due-alarm" data-sound={sound ?? undefined}>
          <strong>⚠ {ringingItems.map((i) => `${i.phase === 'overdue' ? t('inc.notify.overdue', { label: i.label }) : t('inc.notify.soon', { label: i.label })}（${i.incidentId}）`).join('；')}</strong>
          {sound === 'blocked' && <span className="due-alarm-note">{t('inc.alarm.blocked')}</span>}
          {sound === 'unsupported' && <span className="due-alarm-note">{t('inc.alarm.noSound')}</span>}
          <button type="button" onClick={() => setRinging([])} data-testid="due-alarm-ack">
            {t('inc.alarm.ack')}
          </button>
        </div>
      )}
      {shown.map((i) => {
        const over = Date.parse(i.dueAt) < now;
        return (
          <button key={i.key} type="button" className={`due-item${over ? ' overdue' : ' soon'}`} onClick={() => go(INCIDENTS_VIEW, i.incidentId)} data-testid="due-item">
            {over ? t('inc.notify.overdue', { label: i.label }) : t('inc.notify.soon', { label: i.label })} · {i.incidentId} {i.title} · {t(over ? 'inc.dl.overdue' : 'inc.dl.left', { left: clockText(Date.parse(i.dueAt) - now) })}
          </button>
        );
      })}
      {http && (
        <span className={`notify-state notify-${perm}`} data-testid="notify-state" data-permission={perm}>
          {perm === 'default' ? (
            <button type="button" className="secondary enable-notify" onClick={() => void ask()}>
              {t('inc.notify.enable')}
            </button>
          ) : (
            t(`inc.notify.perm.${perm}`)
          )}
        </span>
      )}
    </div>
  );
}
