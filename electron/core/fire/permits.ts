import { formatShanghai } from '../../../shared/base/time';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { shanghaiDate } from '../../../shared/calendar/date';
import {
  authorityFor,
  legalPermitActions,
  MAX_PERMIT_DAYS,
  nextPermitState,
  PERMIT_STATE_LABELS,
  penaltyText,
  windowStatus,
  type Authority,
  type PermitAction,
  type PermitApplication,
  type PermitKind,
  type PermitState,
} from '../../../shared/fire/permits';
import { permitCheck, type PermitCheck } from '../../../shared/fire/permitCheck';
import { zonesAt } from '../map/query';
import { dangerLevelsBetween } from './danger';

interface PermitRow {
  id: number;
  kind: PermitKind;
  authority: Authority;
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
  approvals: string | null;
  recorded_at: string;
}

/** "2026-04-05 08:00" in Beijing time (UTC+8, no daylight saving). */
function formatBeijingMinute(iso: string): string {
  return formatShanghai(iso);
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
  return db.prepare(`SELECT seq, action, prev_state, next_state, actor, approver, note, approvals, recorded_at FROM fire_permit_events WHERE permit_id = ? ORDER BY seq`).all(id) as EventRow[];
}

/** The zone check of a stored permit against the zones and danger levels on record now. */
function checkOf(db: Database, p: PermitRow): PermitCheck {
  const levels = dangerLevelsBetween(db, shanghaiDate(p.window_start), shanghaiDate(p.window_end));
  return permitCheck({ kind: p.kind, purpose: p.purpose, windowStart: p.window_start, windowEnd: p.window_end, zones: zonesAt(db, [p.lng, p.lat]), dangerByDate: levels });
}

function conflict(message: string, messageEn: string, rule: string, field = 'action'): AppError {
  return new AppError({ code: 'conflict', message, messageEn, field, rule });
}

/**
 * One step of a permit. Approval is refused when the zone check blocks it (fire at graves, a control zone on a
 * high-risk day) and needs every further approval the check names confirmed in `approvals`; 开始用火 only inside
 * the approved window.
 */
export function transitionPermit(db: Database, id: number, action: PermitAction, by: { actor: string; approver?: string; note?: string; approvals?: readonly string[] }, now: Date): void {
  db.transaction(() => {
    const p = db.prepare('SELECT * FROM fire_permits WHERE id = ?').get(id) as PermitRow | undefined;
    if (!p) throw notFound(id);
    const evs = events(db, id);
    const last = evs[evs.length - 1]!;
    const next = nextPermitState(last.next_state, action);
    if (!next) {
      throw conflict(
        `用火审批当前为"${PERMIT_STATE_LABELS[last.next_state]}"，不能执行"${action}"（可执行：${legalPermitActions(last.next_state).join('、') || '无'}）`,
        `permit is ${last.next_state}; ${action} is not allowed (allowed: ${legalPermitActions(last.next_state).join(', ') || 'none'})`,
        'permit-state-machine',
      );
    }
    let approvals: string[] | null = null;
    if (action === 'approve') {
      const check = checkOf(db, p);
      if (check.blocks.length > 0) {
        throw conflict(`不得批准：${check.blocks.map((b) => `${b.message}（${b.clause}）`).join('；')}`, `cannot be approved: ${check.blocks.map((b) => `${b.messageEn} (${b.clause})`).join('; ')}`, 'permit-zone-check');
      }
      const missing = check.approvals.filter((a) => a.id !== 'kind' && !(by.approvals ?? []).includes(a.id));
      if (missing.length > 0) {
        throw new AppError({
          code: 'invalid-input',
          message: `还须取得${missing.map((a) => `${a.authorityName}的批准（${a.clause}：${a.reason}）`).join('、')}，并在批准时确认`,
          messageEn: `also needs the approval of ${missing.map((a) => `${a.authority} (${a.clause}: ${a.reasonEn})`).join(', ')}, confirmed when approving`,
          field: 'approvals',
          rule: 'permit-higher-approval',
        });
      }
      approvals = check.approvals.map((a) => a.id);
    }
    if (action === 'activate') {
      const w = windowStatus(p.window_start, p.window_end, now);
      if (w !== 'inside') {
        throw conflict(
          w === 'before' ? `用火时段未到：批准的时段自 ${formatBeijingMinute(p.window_start)} 起，不能开始用火` : `用火时段已过：批准的时段至 ${formatBeijingMinute(p.window_end)} 止，不能开始用火`,
          w === 'before' ? `the approved window starts at ${formatBeijingMinute(p.window_start)} (Beijing time): fire use cannot start yet` : `the approved window ended at ${formatBeijingMinute(p.window_end)} (Beijing time): fire use cannot start`,
          'permit-window',
        );
      }
    }
    db.prepare(`INSERT INTO fire_permit_events (permit_id, seq, action, prev_state, next_state, actor, approver, note, approvals, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      id,
      last.seq + 1,
      action,
      last.next_state,
      next,
      by.actor,
      by.approver ?? null,
      by.note ?? null,
      approvals ? JSON.stringify(approvals) : null,
      now.toISOString(),
    );
  }).immediate();
}

export function getPermit(db: Database, id: number, now: Date) {
  const p = db.prepare('SELECT * FROM fire_permits WHERE id = ?').get(id) as PermitRow | undefined;
  if (!p) throw notFound(id);
  return toOutput(db, p, now);
}

export function listPermits(db: Database, filter: { state?: PermitState; kind?: PermitKind }, now: Date) {
  const rows = db.prepare('SELECT * FROM fire_permits ORDER BY id').all() as PermitRow[];
  return rows
    .filter((r) => !filter.kind || r.kind === filter.kind)
    .map((r) => toOutput(db, r, now))
    .filter((p) => !filter.state || p.state === filter.state);
}

/** Permits in use now: state 用火中 and `now` inside the approved window (what the map draws as valid). */
export function countActivePermits(db: Database, now: Date): number {
  const rows = db
    .prepare(
      `SELECT p.window_start, p.window_end FROM fire_permits p JOIN fire_permit_events e ON e.permit_id = p.id
       WHERE e.seq = (SELECT MAX(seq) FROM fire_permit_events x WHERE x.permit_id = e.permit_id) AND e.next_state = 'active'`,
    )
    .all() as Array<{ window_start: string; window_end: string }>;
  return rows.filter((r) => windowStatus(r.window_start, r.window_end, now) === 'inside').length;
}

function toOutput(db: Database, p: PermitRow, now: Date) {
  const evs = events(db, p.id);
  const state = evs[evs.length - 1]!.next_state;
  const check = checkOf(db, p);
  const rule = check.rule;
  const approval = [...evs].reverse().find((e) => e.action === 'approve' || e.action === 'refuse');
  const w = windowStatus(p.window_start, p.window_end, now);
  const legal = legalPermitActions(state).filter((a) => !(a === 'approve' && check.blocks.length > 0));
  return {
    id: p.id,
    kind: p.kind,
    kindLabel: authorityFor(p.kind).label,
    regime: check.regime,
    basis: check.basis,
    authority: rule.authority,
    authorityName: rule.authorityName,
    assistedBy: rule.assistedBy,
    clause: rule.clause,
    supersededCounty: rule.supersededCounty,
    penalties: rule.penalties.map((x) => ({ article: x.article, ...penaltyText(x) })),
    zones: check.zones,
    blocks: check.blocks,
    approvals: check.approvals,
    applicant: p.applicant,
    applicantPhone: p.applicant_phone,
    purpose: p.purpose,
    placeName: p.place_name,
    lng: p.lng,
    lat: p.lat,
    township: p.township,
    windowStart: p.window_start,
    windowEnd: p.window_end,
    windowStatus: w,
    /** 用火中 and inside the approved window: the only permits the map shows as valid. */
    validNow: state === 'active' && w === 'inside',
    state,
    stateLabel: PERMIT_STATE_LABELS[state],
    approver: approval?.approver ?? null,
    legalActions: legal,
    warnings: check.warnings,
    createdBy: p.created_by,
    createdAt: p.created_at,
    events: evs.map((e) => ({
      seq: e.seq,
      action: e.action,
      prevState: e.prev_state,
      nextState: e.next_state,
      actor: e.actor,
      approver: e.approver,
      note: e.note,
      approvals: e.approvals ? (JSON.parse(e.approvals) as string[]) : null,
      recordedAt: e.recorded_at,
    })),
  };
}
