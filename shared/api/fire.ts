/**
 * Forest-fire commands (交政发〔2024〕7号; docs/rules/): fire-season calendar and posture, danger ratings,
 * fire-use permits, ledgers, rewards, team tiers. The UI builds on these.
 */
import { z } from 'zod';
import { MAX_WINDOW_DAYS } from '../calendar/window';
import { dailyWeatherSchema } from '../fire/danger';
import { BAOBAO_KINDS, baobaoFields, baobaoRowSchema, graveFields, graveRowSchema, LEDGER_TABLES } from '../fire/ledgers';
import { AUTHORITIES, PERMIT_ACTIONS, PERMIT_KINDS, PERMIT_STATES, permitApplicationSchema } from '../fire/permits';
import { CONFIRMERS, REWARD_KINDS, REWARD_STATES, rewardProposalSchema } from '../fire/rewards';
import { TEAM_TIER_IDS } from '../fire/teams';
import { command } from './contract';
import { isoDate } from './dates';

const windowInput = z
  .object({ daysBefore: z.number().int().min(0).max(MAX_WINDOW_DAYS).optional(), daysAfter: z.number().int().min(0).max(MAX_WINDOW_DAYS).optional() })
  .strict()
  .optional();

const highRiskName = z.enum(['清明', '寒衣节']);
const focusPeriod = z.object({ name: z.string(), start: z.string(), end: z.string(), basis: z.string() });
export const fireCalendarOutput = z.object({
  date: z.string(),
  inSpecialPeriod: z.boolean(),
  specialPeriod: z.object({ start: z.string(), end: z.string(), daysUntilStart: z.number().int(), daysUntilEnd: z.number().int() }),
  highRiskDay: highRiskName.nullable(),
  nextHighRiskDay: z.object({ name: highRiskName, date: z.string(), daysAway: z.number().int() }),
  inHighRiskWindow: z.object({ name: highRiskName, date: z.string(), offsetDays: z.number().int() }).nullable(),
  window: z.object({ daysBefore: z.number().int(), daysAfter: z.number().int() }),
  focusPeriods: z.array(focusPeriod),
});

const colour = z.enum(['green', 'blue', 'yellow', 'orange', 'red']);
const level = z.number().int().min(1).max(5);
const officialRating = z.object({ kind: z.literal('official'), level, name: z.string(), colour, source: z.string() });
const estimatedRating = z.object({ kind: z.literal('estimated'), level, name: z.string(), colour, index: z.number().int(), weather: dailyWeatherSchema });
const dangerDay = z.object({
  date: z.string(),
  official: officialRating.nullable(),
  estimated: estimatedRating.nullable(),
  /** The one to act on: official if entered, else the estimate. */
  effective: z.union([officialRating, estimatedRating]).nullable(),
});

const permitWarning = z.object({ code: z.enum(['high-risk-day', 'danger-level-5']), date: z.string(), clause: z.string(), message: z.string(), messageEn: z.string() });
const permitEvent = z.object({
  seq: z.number().int(),
  action: z.enum(['apply', ...PERMIT_ACTIONS]),
  prevState: z.enum(PERMIT_STATES).nullable(),
  nextState: z.enum(PERMIT_STATES),
  actor: z.string(),
  approver: z.string().nullable(),
  note: z.string().nullable(),
  /** On an approve event: the approvals confirmed (ids of `approvals`). */
  approvals: z.array(z.string()).nullable(),
  recordedAt: z.string(),
});
const authority = z.enum(AUTHORITIES);
export const permitOutput = z.object({
  id: z.number().int(),
  kind: z.enum(PERMIT_KINDS),
  kindLabel: z.string(),
  /** The rules in force on the window's first Beijing day: the county opinions (2024) or the 2026 regulation. */
  regime: z.enum(['county-2024', 'regulation-2026']),
  basis: z.string(),
  authority,
  authorityName: z.string(),
  assistedBy: z.string().nullable(),
  clause: z.string(),
  /** The county text's other approver, superseded by the regulation (2026 only). */
  supersededCounty: z.object({ authorityName: z.string(), clause: z.string(), note: z.string(), noteEn: z.string() }).nullable(),
  /** Fines for doing it without approval (《森林草原防灭火条例》第五十三至五十六条; 2026 only). */
  penalties: z.array(z.object({ article: z.string(), zh: z.string(), en: z.string() })),
  /** Control zones (3(1)) the place lies in. */
  zones: z.array(z.string()),
  /** Why it cannot be approved (empty: it can). */
  blocks: z.array(z.object({ code: z.enum(['grave-fire', 'high-risk-day-in-zone']), clause: z.string(), message: z.string(), messageEn: z.string() })),
  /** Every approval it needs, its kind's own first. */
  approvals: z.array(z.object({ id: z.enum(['kind', 'zone-entry']), authority, authorityName: z.string(), clause: z.string(), reason: z.string(), reasonEn: z.string() })),
  applicant: z.string(),
  applicantPhone: z.string().nullable(),
  purpose: z.string(),
  placeName: z.string(),
  lng: z.number(),
  lat: z.number(),
  township: z.string().nullable(),
  windowStart: z.string(),
  windowEnd: z.string(),
  windowStatus: z.enum(['before', 'inside', 'after']),
  /** 用火中 and now inside the window: shown on the map as valid. */
  validNow: z.boolean(),
  state: z.enum(PERMIT_STATES),
  stateLabel: z.string(),
  approver: z.string().nullable(),
  legalActions: z.array(z.enum(PERMIT_ACTIONS)),
  warnings: z.array(permitWarning),
  createdBy: z.string(),
  createdAt: z.string(),
  events: z.array(permitEvent),
});

const rowProblem = z.object({ row: z.number().int(), field: z.string(), column: z.string(), message: z.string() });
const baobaoStored = z.object({ id: z.number().int(), ...baobaoFields });
const graveStored = z.object({ id: z.number().int(), ...graveFields });
const ledgerTable = z.enum(LEDGER_TABLES);

const rewardOutput = z.object({
  id: z.number().int(),
  incidentId: z.string(),
  kind: z.enum(REWARD_KINDS),
  kindLabel: z.string(),
  recipientName: z.string(),
  recipientPhone: z.string().nullable(),
  amountYuan: z.number().int(),
  reason: z.string(),
  state: z.enum(REWARD_STATES),
  confirmedBy: z.object({
    township: z.object({ name: z.string(), at: z.string() }).optional(),
    'hq-office': z.object({ name: z.string(), at: z.string() }).optional(),
  }),
  createdBy: z.string(),
  createdAt: z.string(),
  events: z.array(
    z.object({ seq: z.number().int(), action: z.string(), byRole: z.string().nullable(), byName: z.string().nullable(), prevState: z.string().nullable(), nextState: z.string(), note: z.string().nullable(), actor: z.string(), recordedAt: z.string() }),
  ),
});

export const fireCommands = {
  'fire.calendar': command({
    summary: 'Fire-season calendar for a date: special period, 清明/寒衣节, next high-risk day, window, focus periods',
    input: z.object({ date: isoDate, window: windowInput }).strict(),
    output: fireCalendarOutput,
  }),
  'fire.posture': command({
    summary: "The duty room's fire posture for a date (default: today in Asia/Shanghai), with the danger rating",
    input: z.object({ date: isoDate.optional(), window: windowInput }).strict(),
    output: z.object({
      calendar: fireCalendarOutput,
      danger: dangerDay,
      severity: z.number().int().min(1).max(4),
      fireUseForbidden: z.boolean(),
      lines: z.array(z.object({ clause: z.string(), text: z.string() })),
      activePermits: z.number().int(),
    }),
  }),
  'fire.danger.record': command({
    summary: "Record a day's fire danger: the bureau's official level, or the weather to estimate from",
    input: z
      .object({
        date: isoDate,
        official: z.object({ level: z.number().int().min(1).max(5), source: z.string().trim().min(1).max(200) }).strict().optional(),
        weather: dailyWeatherSchema.optional(),
      })
      .strict()
      .refine((x) => !!x.official !== !!x.weather, { message: 'give exactly one of official / weather', path: ['official'] }),
    output: dangerDay,
    mutates: true,
  }),
  'fire.danger.get': command({
    summary: "A day's fire danger rating (official and estimated)",
    input: z.object({ date: isoDate }).strict(),
    output: dangerDay,
  }),
  'fire.permits.apply': command({
    summary: '野外用火审批: file an application; the approving authority follows from the kind (3(2)/3(3))',
    input: permitApplicationSchema,
    output: permitOutput,
    mutates: true,
  }),
  'fire.permits.transition': command({
    summary: 'Approve / refuse / activate / close a permit (legal transitions only)',
    input: z
      .object({ id: z.number().int().min(1), action: z.enum(PERMIT_ACTIONS), approver: z.string().trim().min(1).max(200).optional(),
        note: z.string().trim().max(2000).optional(),
        /** On approve: the further approvals obtained (ids from the permit's `approvals`, e.g. 'zone-entry'). */
        approvals: z.array(z.enum(['kind', 'zone-entry'])).max(5).optional(),
      })
      .strict()
      .refine((x) => !(x.action === 'approve' || x.action === 'refuse') || !!x.approver, { path: ['approver'], message: 'approve/refuse needs the approver / 审批须填写审批人' }),
    output: permitOutput,
    mutates: true,
  }),
  'fire.permits.get': command({
    summary: 'One permit with its events and warnings',
    input: z.object({ id: z.number().int().min(1) }).strict(),
    output: permitOutput,
  }),
  'fire.permits.list': command({
    summary: 'Permits, optionally by state (active ones are shown on the map)',
    input: z.object({ state: z.enum(PERMIT_STATES).optional(), kind: z.enum(PERMIT_KINDS).optional() }).strict(),
    output: z.object({ permits: z.array(permitOutput) }),
  }),
  'fire.ledger.list': command({
    summary: 'Rows of a ledger (八包 responsibility ledger or grave / altar register)',
    input: z.object({ table: ledgerTable, township: z.string().optional(), baobaoKind: z.enum(BAOBAO_KINDS.map((k) => k.id) as [string, ...string[]]).optional() }).strict(),
    output: z.object({ table: ledgerTable, rows: z.array(z.union([baobaoStored, graveStored])) }),
  }),
  'fire.ledger.save': command({
    summary: 'Add a ledger row, or correct one (with id)',
    input: z.union([
      z.object({ table: z.literal('baobao'), id: z.number().int().min(1).optional(), row: baobaoRowSchema }).strict(),
      z.object({ table: z.literal('graves'), id: z.number().int().min(1).optional(), row: graveRowSchema }).strict(),
    ]),
    output: z.object({ table: ledgerTable, id: z.number().int() }),
    mutates: true,
  }),
  'fire.ledger.remove': command({
    summary: 'Remove a ledger row',
    input: z.object({ table: ledgerTable, id: z.number().int().min(1) }).strict(),
    output: z.object({ table: ledgerTable, id: z.number().int(), removed: z.literal(true) }),
    mutates: true,
  }),
  'fire.ledger.import': command({
    summary: 'Import a CSV or XLSX file into a ledger; all rows or nothing (problems are listed per row)',
    input: z
      .object({
        table: ledgerTable,
        format: z.enum(['csv', 'xlsx']),
        /** CSV text, or the XLSX file as base64 (a CSV too with `base64`, its encoding then detected: UTF-8 or GBK). */
        content: z.string().max(50_000_000),
        base64: z.boolean().default(false),
        mode: z.enum(['append', 'replace']).default('append'),
        /** Check every row and report (the preview): nothing written. */
        dryRun: z.boolean().default(false),
      })
      .strict(),
    output: z.object({
      ok: z.boolean(),
      table: ledgerTable,
      imported: z.number().int(),
      problems: z.array(rowProblem),
      /** How the CSV bytes were read: utf-8, or gb18030 (GBK, Excel's default on Chinese Windows); null for XLSX. */
      encoding: z.enum(['utf-8', 'gb18030']).nullable(),
      rows: z.number().int(),
      headers: z.array(z.string()),
      dryRun: z.boolean(),
    }),
    mutates: true,
  }),
  'fire.ledger.export': command({
    summary: 'Export a ledger as CSV (text) or XLSX (base64), with the Chinese column headers',
    input: z.object({ table: ledgerTable, format: z.enum(['csv', 'xlsx']) }).strict(),
    output: z.object({ table: ledgerTable, format: z.enum(['csv', 'xlsx']), fileName: z.string(), content: z.string(), rows: z.number().int() }),
  }),
  'fire.rewards.propose': command({
    summary: 'Propose a 100–500 yuan reward for a first report or a major hazard, tied to a fire (6(8))',
    input: rewardProposalSchema,
    output: rewardOutput,
    mutates: true,
  }),
  'fire.rewards.act': command({
    summary: 'Confirm (township / HQ office), reject, or mark paid (only after both confirmations)',
    input: z
      .object({ id: z.number().int().min(1), action: z.enum(['confirm', 'reject', 'pay']), by: z.enum(CONFIRMERS).optional(), name: z.string().trim().min(1).max(100).optional(), note: z.string().trim().max(2000).optional() })
      .strict()
      .refine((x) => x.action === 'pay' || (!!x.by && !!x.name), { path: ['by'], message: 'confirm/reject needs by and name / 确认或驳回须注明单位和姓名' }),
    output: rewardOutput,
    mutates: true,
  }),
  'fire.rewards.list': command({
    summary: 'Rewards, optionally for one fire',
    input: z.object({ incidentId: z.string().optional() }).strict(),
    output: z.object({ rewards: z.array(rewardOutput) }),
  }),
  'fire.teams.tiers': command({
    summary: 'Team tiers of 6(5) as a checklist, with a size check when sizes are given',
    input: z.object({ sizes: z.array(z.object({ tier: z.enum(TEAM_TIER_IDS), size: z.number().int().min(0) }).strict()).optional() }).strict(),
    output: z.object({
      tiers: z.array(z.object({ tier: z.string(), name: z.string(), min: z.number(), max: z.number().nullable(), text: z.string(), clause: z.string(), formedBy: z.string(), duty: z.string() })),
      checks: z.array(z.object({ ok: z.boolean(), tier: z.string(), size: z.number(), min: z.number(), max: z.number().nullable(), clause: z.string(), message: z.string(), messageEn: z.string() })),
    }),
  }),
};
