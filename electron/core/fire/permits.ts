import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { shanghaiDate } from '../../../shared/calendar/date';
import {
  authorityFor,
  legalPermitActions,
  MAX_PERMIT_DAYS,
  nextPermitState,
  PERMIT_STATE_LABELS,
  permitWarnings,
  type PermitAction,
  type PermitApplication,
  type PermitKind,
  type PermitState,
} from '../../../shared/fire/permits';
import { dangerLevelsBetween } from './danger';

interface PermitRow {
  id: number;
  kind: PermitKind;
  authority: 'county-forestry' | 'township' | 'county-hq';
  applicant: string;
  applicant_phone: string | null;
  purpose: string;
  place_name: string;
  lng: number;
  lat: number;
  township: string | null;
  window_start: string;
  window_end: string;
  created_by: string;
  created_at: string;
}
interface EventRow {
  seq: number;
  action: 'apply' | PermitAction;
  prev_state: PermitState | null;
  next_state: PermitState;
  actor: string;
  approver: string | null;
  note: string | null;
  recorded_at: string;
}

function notFound(id: number): AppError {
  return new AppError({ code: 'not-found', message: `没有编号为 ${id} 的用火审批`, messageEn: `no fire-use permit ${id}`, field: 'id' });
}

export function applyPermit(db: Database, app: PermitApplication, actor: string, now: Date): number {
  const days = (Date.parse(app.windowEnd) - Date.parse(app.windowStart)) / 86_400_000;
  if (days > MAX_PERMIT_DAYS) {
    throw new AppError({
      code: 'invalid-input',
      message: `用火时段不能超过 ${MAX_PERMIT_DAYS} 天`,
      messageEn: `the fire-use window may not exceed ${MAX_PERMIT_DAYS} days`,
      field: 'windowEnd',
      rule: 'max-window-days',
    });
  }
  const def = authorityFor(app.kind);
  const at = now.toISOString();
  return db.transaction(() => {
    const r = db
      .prepare(
        `INSERT INTO fire_permits (kind, authority, applicant, applicant_phone, purpose, place_name, lng, lat, township, window_start, window_end, created_by, created_at)
         VALUES (@kind, @authority, @applicant, @phone, @purpose, @place, @lng, @lat, @township, @ws, @we, @actor, @at)`,
      )
      .run({
        kind: app.kind,
        authority: def.authority,
        applicant: app.applicant,
        phone: app.applicantPhone ?? null,
        purpose: app.purpose,
        place: app.placeName,
        lng: app.lng,
        lat: app.lat,
        township: app.township ?? null,
        ws: new Date(app.windowStart).toISOString(),
        we: new Date(app.windowEnd).toISOString(),
        actor,
        at,
      });
    const id = Number(r.lastInsertRowid);
    db.prepare(`INSERT INTO fire_permit_events (permit_id, seq, action, prev_state, next_state, actor, recorded_at) VALUES (?, 1, 'apply', NULL, 'applied', ?, ?)`).run(id, actor, at);
    return id;
  })();
}

function events(db: Database, id: number): EventRow[] {
  return db.prepare(`SELECT seq, action, prev_state, next_state, actor, approver, note, recorded_at FROM fire_permit_events WHERE permit_id = ? ORDER BY seq`).all(id) as EventRow[];
}

export function transitionPermit(db: Database, id: number, action: PermitAction, by: { actor: string; approver?: string; note?: string }, now: Date): void {
  db.transaction(() => {
    const p = db.prepare('SELECT id FROM fire_permits WHERE id = ?').get(id);
    if (!p) throw notFound(id);
    const evs = events(db, id);
    const last = evs[evs.length - 1]!;
    const next = nextPermitState(last.next_state, action);
    if (!next) {
      throw new AppError({
        code: 'conflict',
        message: `用火审批当前为"${PERMIT_STATE_LABELS[last.next_state]}"，不能执行"${action}"（可执行：${legalPermitActions(last.next_state).join('、') || '无'}）`,
        messageEn: `permit is ${last.next_state}; ${action} is not allowed (allowed: ${legalPermitActions(last.next_state).join(', ') || 'none'})`,
        field: 'action',
        rule: 'permit-state-machine',
      });
    }
    db.prepare(`INSERT INTO fire_permit_events (permit_id, seq, action, prev_state, next_state, actor, approver, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      id,
      last.seq + 1,
      action,
      last.next_state,
      next,
      by.actor,
      by.approver ?? null,
      by.note ?? null,
      now.toISOString(),
    );
  }).immediate();
}

export function getPermit(db: Database, id: number) {
  const p = db.prepare('SELECT * FROM fire_permits WHERE id = ?').get(id) as PermitRow | undefined;
  if (!p) throw notFound(id);
  return toOutput(db, p);
}

export function listPermits(db: Database, filter: { state?: PermitState; kind?: PermitKind }) {
  const rows = db.prepare('SELECT * FROM fire_permits ORDER BY id').all() as PermitRow[];
  return rows
    .filter((r) => !filter.kind || r.kind === filter.kind)
    .map((r) => toOutput(db, r))
    .filter((p) => !filter.state || p.state === filter.state);
}

export function countActivePermits(db: Database): number {
  const r = db
    .prepare(
      `SELECT COUNT(*) AS n FROM fire_permit_events e
       WHERE e.seq = (SELECT MAX(seq) FROM fire_permit_events x WHERE x.permit_id = e.permit_id) AND e.next_state = 'active'`,
    )
    .get() as { n: number };
  return r.n;
}

function toOutput(db: Database, p: PermitRow) {
  const evs = events(db, p.id);
  const state = evs[evs.length - 1]!.next_state;
  const def = authorityFor(p.kind);
  const approval = [...evs].reverse().find((e) => e.action === 'approve' || e.action === 'refuse');
  const levels = dangerLevelsBetween(db, shanghaiDate(p.window_start), shanghaiDate(p.window_end));
  return {
    id: p.id,
    kind: p.kind,
    kindLabel: def.label,
    authority: def.authority,
    authorityName: def.authorityName,
    assistedBy: def.assistedBy,
    clause: def.clause,
    applicant: p.applicant,
    applicantPhone: p.applicant_phone,
    purpose: p.purpose,
    placeName: p.place_name,
    lng: p.lng,
    lat: p.lat,
    township: p.township,
    windowStart: p.window_start,
    windowEnd: p.window_end,
    state,
    stateLabel: PERMIT_STATE_LABELS[state],
    approver: approval?.approver ?? null,
    legalActions: legalPermitActions(state),
    warnings: permitWarnings(p.window_start, p.window_end, levels),
    createdBy: p.created_by,
    createdAt: p.created_at,
    events: evs.map((e) => ({ seq: e.seq, action: e.action, prevState: e.prev_state, nextState: e.next_state, actor: e.actor, approver: e.approver, note: e.note, recordedAt: e.recorded_at })),
  };
}
