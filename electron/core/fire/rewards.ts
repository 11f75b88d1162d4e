import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { REWARD_KIND_LABELS, rewardNext, type Confirmer, type RewardKind, type RewardProposal, type RewardState, type RewardStatus } from '../../../shared/fire/rewards';

interface RewardRow {
  id: number;
  incident_id: string;
  kind: RewardKind;
  recipient_name: string;
  recipient_phone: string | null;
  amount_yuan: number;
  reason: string;
  created_by: string;
  created_at: string;
}
interface EventRow {
  seq: number;
  action: string;
  by_role: Confirmer | null;
  by_name: string | null;
  prev_state: RewardState | null;
  next_state: RewardState;
  note: string | null;
  actor: string;
  recorded_at: string;
}

function events(db: Database, id: number): EventRow[] {
  return db.prepare('SELECT seq, action, by_role, by_name, prev_state, next_state, note, actor, recorded_at FROM fire_reward_events WHERE reward_id = ? ORDER BY seq').all(id) as EventRow[];
}

function status(evs: EventRow[]): RewardStatus {
  const confirmedBy: RewardStatus['confirmedBy'] = {};
  for (const e of evs) if (e.action === 'confirm' && e.by_role) confirmedBy[e.by_role] = { name: e.by_name ?? '', at: e.recorded_at };
  return { state: evs[evs.length - 1]!.next_state, confirmedBy };
}

export function proposeReward(db: Database, p: RewardProposal, actor: string, now: Date): number {
  const at = now.toISOString();
  return db.transaction(() => {
    const r = db
      .prepare('INSERT INTO fire_rewards (incident_id, kind, recipient_name, recipient_phone, amount_yuan, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(p.incidentId, p.kind, p.recipientName, p.recipientPhone ?? null, p.amountYuan, p.reason, actor, at);
    const id = Number(r.lastInsertRowid);
    db.prepare(`INSERT INTO fire_reward_events (reward_id, seq, action, prev_state, next_state, actor, recorded_at) VALUES (?, 1, 'propose', NULL, 'proposed', ?, ?)`).run(id, actor, at);
    return id;
  })();
}

export function actOnReward(db: Database, id: number, a: { action: 'confirm' | 'reject' | 'pay'; by?: Confirmer; name?: string; note?: string }, actor: string, now: Date): void {
  db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM fire_rewards WHERE id = ?').get(id)) throw new AppError({ code: 'not-found', message: `没有编号为 ${id} 的奖励`, messageEn: `no reward ${id}`, field: 'id' });
    const evs = events(db, id);
    const s = status(evs);
    const action = a.action === 'pay' ? ({ type: 'pay' } as const) : ({ type: a.action, by: a.by! } as const);
    const r = rewardNext(s, action);
    if (!r.ok) throw new AppError({ code: 'conflict', message: r.zh, messageEn: r.en, field: 'action', rule: '6(8)' });
    db.prepare('INSERT INTO fire_reward_events (reward_id, seq, action, by_role, by_name, prev_state, next_state, note, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      evs[evs.length - 1]!.seq + 1,
      a.action,
      a.by ?? null,
      a.name ?? null,
      s.state,
      r.state,
      a.note ?? null,
      actor,
      now.toISOString(),
    );
  }).immediate();
}

function toOutput(db: Database, r: RewardRow) {
  const evs = events(db, r.id);
  const s = status(evs);
  return {
    id: r.id,
    incidentId: r.incident_id,
    kind: r.kind,
    kindLabel: REWARD_KIND_LABELS[r.kind],
    recipientName: r.recipient_name,
    recipientPhone: r.recipient_phone,
    amountYuan: r.amount_yuan,
    reason: r.reason,
    state: s.state,
    confirmedBy: s.confirmedBy,
    createdBy: r.created_by,
    createdAt: r.created_at,
    events: evs.map((e) => ({ seq: e.seq, action: e.action, byRole: e.by_role, byName: e.by_name, prevState: e.prev_state, nextState: e.next_state, note: e.note, actor: e.actor, recordedAt: e.recorded_at })),
  };
}

export function getReward(db: Database, id: number) {
  const r = db.prepare('SELECT * FROM fire_rewards WHERE id = ?').get(id) as RewardRow | undefined;
  if (!r) throw new AppError({ code: 'not-found', message: `没有编号为 ${id} 的奖励`, messageEn: `no reward ${id}`, field: 'id' });
  return toOutput(db, r);
}

export function listRewards(db: Database, incidentId?: string) {
  const rows = (incidentId ? db.prepare('SELECT * FROM fire_rewards WHERE incident_id = ? ORDER BY id').all(incidentId) : db.prepare('SELECT * FROM fire_rewards ORDER BY id').all()) as RewardRow[];
  return rows.map((r) => toOutput(db, r));
}
