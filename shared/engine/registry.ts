/**
 * Plan versions in time. A plan is a series of versions, each in force from its `effectiveFrom` (a Beijing date) and,
 * when a repeal is known, until its `effectiveUntil`. The registry is an object the core holds (one per core, passed
 * to whoever needs it), keyed by (id, version), built-in and office-edited versions alike: nothing here is global.
 *
 * "In force at T" is the latest version (by `effectiveFrom`, then by insertion order) whose `effectiveFrom` is on or
 * before T's Beijing date and whose `effectiveUntil`, if any, is not before it. An incident is pinned to the version in
 * force when it OCCURRED (a fire at 23:50 on 2025-12-31 reported at 00:10 on 2026-01-01 keeps the 2008 rules) and keeps
 * it for life (ARCHITECTURE.md: changing a plan never regrades history).
 */
import { AppError } from '../base/errors';
import { shanghaiDate } from '../base/time';
import type { Plan } from './schema';

export interface RegisteredPlan {
  plan: Plan;
  /** Shipped with the console (false: an office-edited file from the data folder's plans/). */
  builtIn: boolean;
  /** Where an edited version came from. */
  file?: string;
}

function key(id: string, version: string): string {
  return `${id}\u0000${version}`;
}

/** The Beijing civil date (YYYY-MM-DD) of an instant, or the date itself when given one. */
export function beijingDateOf(at: Date | string): string {
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) return at;
  return shanghaiDate(at);
}

export class PlanRegistry {
  private readonly entries = new Map<string, RegisteredPlan>();
  private order = 0;
  private readonly seq = new Map<string, number>();

  constructor(builtIn: readonly Plan[] = []) {
    for (const p of builtIn) this.add(p, { builtIn: true });
  }

  /** Add a version. A version id already registered is refused (an edited plan must carry a new version). */
  add(plan: Plan, opts: { builtIn?: boolean; file?: string } = {}): void {
    const k = key(plan.id, plan.version);
    const existing = this.entries.get(k);
    if (existing) {
      throw new AppError({
        code: 'invalid-input',
        message: `预案 ${plan.id} 已有 ${plan.version} 版${existing.builtIn ? '（内置）' : ''}：修改后的预案必须使用新的版本号，以免已立案事件被重新定级`,
        messageEn: `plan ${plan.id} already has version ${plan.version}${existing.builtIn ? ' (built in)' : ''}: an edited plan needs a new version, so incidents are never regraded`,
        field: 'version',
        rule: 'new-version',
      });
    }
    this.entries.set(k, { plan, builtIn: opts.builtIn ?? false, ...(opts.file ? { file: opts.file } : {}) });
    this.seq.set(k, this.order++);
  }

  remove(id: string, version: string): void {
    this.entries.delete(key(id, version));
  }

  /** Every version, ordered by plan id (first registration order), then effectiveFrom. */
  all(): RegisteredPlan[] {
    const idOrder = new Map<string, number>();
    for (const e of this.entries.values()) if (!idOrder.has(e.plan.id)) idOrder.set(e.plan.id, idOrder.size);
    return [...this.entries.values()].sort(
      (a, b) => idOrder.get(a.plan.id)! - idOrder.get(b.plan.id)! || this.compare(a.plan, b.plan),
    );
  }

  /** The plan ids, in registration order. */
  ids(): string[] {
    return [...new Set(this.all().map((e) => e.plan.id))];
  }

  /** The versions of one plan, oldest first. */
  versions(id: string): Plan[] {
    return this.all()
      .filter((e) => e.plan.id === id)
      .map((e) => e.plan);
  }

  entry(id: string, version: string): RegisteredPlan | undefined {
    return this.entries.get(key(id, version));
  }

  find(id: string, version: string): Plan | undefined {
    return this.entry(id, version)?.plan;
  }

  /** The exact version; AppError not-found (naming what exists) otherwise. */
  get(id: string, version: string): Plan {
    const p = this.find(id, version);
    if (p) return p;
    const have = this.versions(id).map((v) => v.version);
    throw new AppError({
      code: 'not-found',
      message: `没有预案 ${id} 的 ${version} 版（${have.length ? `现有版本：${have.join('、')}` : `现有预案：${this.ids().join('、')}`}）`,
      messageEn: `no plan ${id} version ${version} (${have.length ? `versions: ${have.join(', ')}` : `plans: ${this.ids().join(', ')}`})`,
      field: 'plan',
      rule: 'known-plan-version',
    });
  }

  /** The version in force on the Beijing date of `at`, or undefined when none is (unknown id, or before/after all). */
  findInForce(id: string, at: Date | string): Plan | undefined {
    const day = beijingDateOf(at);
    let best: Plan | undefined;
    for (const p of this.versions(id)) {
      if (p.effectiveFrom > day) continue;
      if (p.effectiveUntil && p.effectiveUntil < day) continue;
      if (!best || this.compare(p, best) >= 0) best = p;
    }
    return best;
  }

  /** The version in force at `at`; AppError not-found naming the versions and their dates otherwise. */
  inForce(id: string, at: Date | string): Plan {
    const p = this.findInForce(id, at);
    if (p) return p;
    const day = beijingDateOf(at);
    const have = this.versions(id);
    if (!have.length) {
      throw new AppError({
        code: 'not-found',
        message: `没有 id 为 ${id} 的预案（现有：${this.ids().join('、')}）`,
        messageEn: `no plan with id ${id} (known: ${this.ids().join(', ')})`,
        field: 'plan',
        rule: 'known-plan',
      });
    }
    const spans = have.map((v) => `${v.version}：${v.effectiveFrom}起${v.effectiveUntil ? `至${v.effectiveUntil}` : ''}`).join('；');
    throw new AppError({
      code: 'not-found',
      message: `${day}（北京时间）没有施行中的 ${id} 预案版本（${spans}）`,
      messageEn: `no version of plan ${id} is in force on ${day} (Beijing) (${have.map((v) => `${v.version}: from ${v.effectiveFrom}${v.effectiveUntil ? ` to ${v.effectiveUntil}` : ''}`).join('; ')})`,
      field: 'at',
      rule: 'plan-in-force',
    });
  }

  /** One version per plan id: the one in force at `at` (ids with none in force are left out). */
  allInForce(at: Date | string): Plan[] {
    return this.ids()
      .map((id) => this.findInForce(id, at))
      .filter((p): p is Plan => !!p);
  }

  private compare(a: Plan, b: Plan): number {
    if (a.effectiveFrom !== b.effectiveFrom) return a.effectiveFrom < b.effectiveFrom ? -1 : 1;
    return (this.seq.get(key(a.id, a.version)) ?? 0) - (this.seq.get(key(b.id, b.version)) ?? 0);
  }
}
