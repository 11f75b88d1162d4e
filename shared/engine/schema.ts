/**
 * The shape of an emergency plan, as data. A plan is a JSON-compatible object validated by `planSchema` (and by the
 * cross-reference checks of `loadPlan` in ./plan) when it is loaded, so an office can correct a number in an edited
 * copy and load it without a code change. Every rule carries the clause of the paper it comes from.
 *
 * STABLE CONTRACT: other plans (forest fire) are written against these types. Add optional fields only.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------------------------
// Basics

/** Response levels, highest first. I 特别重大, II 重大, III 较大, IV 一般. */
export const LEVEL_IDS = ['I', 'II', 'III', 'IV'] as const;
export const levelIdSchema = z.enum(LEVEL_IDS);
export type LevelId = z.infer<typeof levelIdSchema>;

/** A clause of the plan's paper, e.g. `4.2(2)`, `6.4`, `32(3)`, `第四十条`. */
export const clauseSchema = z.string().min(1).max(60);

/** Ids used inside a plan (facts, states, units, items…): ASCII, no spaces. */
export const idSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_.:-]*$/, 'id: a letter, then letters, digits, _ . : -');

const zh = z.string().min(1).max(4000);

/** A length of time; `days` means whole 24-hour days. */
export const durationSchema = z
  .object({
    minutes: z.number().int().min(0).optional(),
    hours: z.number().int().min(0).optional(),
    days: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((d) => d.minutes !== undefined || d.hours !== undefined || d.days !== undefined, 'a duration needs minutes, hours or days');
export type Duration = z.infer<typeof durationSchema>;

/**
 * A moment taken from the incident log: the `first` (default) or `last` event of a type, its `occurredAt` (default),
 * its `recordedAt`, or an ISO time field of its payload (falling back to `occurredAt` when the field is absent).
 * Example: first report = 1 h after `{event: 'reported'}` (HQ received the report, 疫苗预案 5.1).
 */
export const anchorSchema = z
  .object({
    event: idSchema,
    occurrence: z.enum(['first', 'last']).default('first'),
    time: z.enum(['occurredAt', 'recordedAt']).default('occurredAt'),
    payloadField: z.string().min(1).optional(),
  })
  .strict();
export type Anchor = z.infer<typeof anchorSchema>;
export type AnchorInput = z.input<typeof anchorSchema>;

/** A numeric test in the plan's own words: gte = 以上 (includes), lt = 以下 (excludes), gt = 超过, lte = 不多于. */
export const rangeSchema = z
  .object({
    gte: z.number().optional(),
    gt: z.number().optional(),
    lte: z.number().optional(),
    lt: z.number().optional(),
  })
  .strict()
  .refine((r) => Object.values(r).some((v) => v !== undefined), 'a range needs at least one bound')
  .refine((r) => !(r.gte !== undefined && r.gt !== undefined) && !(r.lte !== undefined && r.lt !== undefined), 'use one lower and one upper bound');
export type Range = z.infer<typeof rangeSchema>;

const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);

/**
 * A condition over the facts and the grade: a fact test, a level test (the grade reached, e.g. `{level: {gte: 'II'}}`
 * = "level II or I"), or all / any / not of conditions.
 */
export type Condition =
  | { fact: string; range?: Range; equals?: string | number | boolean }
  | { level: { gte?: LevelId; in?: LevelId[]; none?: boolean } }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z
      .object({ fact: z.string().min(1), range: rangeSchema.optional(), equals: scalarSchema.optional() })
      .strict()
      .refine((c) => (c.range === undefined) !== (c.equals === undefined), 'a fact test needs exactly one of range / equals'),
    z.object({ level: z.object({ gte: levelIdSchema.optional(), in: z.array(levelIdSchema).optional(), none: z.boolean().optional() }).strict() }).strict(),
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
) as z.ZodType<Condition>;

// ---------------------------------------------------------------------------------------------------------------
// Facts (data-driven: the facts schema for grading is generated from these)

const factBase = {
  name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'fact name: camelCase'),
  /** The plan's own words, e.g. 同一批号疫苗短期内引起死亡人数. */
  label: zh,
  labelEn: z.string().optional(),
  clause: clauseSchema,
  description: z.string().optional(),
};

/**
 * How "one more" reads for `nearest`: `{n}` is replaced by the amount, e.g. `再有{n}人死亡` / `{n} more death(s)`.
 */
const stepTextSchema = z.object({ zh: z.string().includes('{n}'), en: z.string().includes('{n}').optional() }).strict();

export const factDefSchema = z.discriminatedUnion('kind', [
  z.object({ ...factBase, kind: z.literal('count'), default: z.number().int().min(0).default(0), unit: z.string().optional(), step: stepTextSchema.optional() }).strict(),
  z
    .object({
      ...factBase,
      kind: z.literal('number'),
      /** Absent with `optional: true`: the fact is unknown until entered (e.g. a distance, where 0 would mean "at the border"). */
      default: z.number().min(0).default(0),
      optional: z.boolean().default(false),
      /** The value may not be below another number fact (过火面积 ≥ 受害面积); when absent it is read as at least that fact. */
      atLeast: z.string().min(1).optional(),
      unit: z.string().optional(),
      step: stepTextSchema.optional(),
    })
    .strict(),
  z
    .object({
      ...factBase,
      kind: z.literal('boolean'),
      default: z.boolean().default(false),
      /** `true` needs a written reason in the text fact `fact` (e.g. a 研判 to report up, 第三十五条第五项). */
      requiresReason: z.object({ fact: z.string().min(1), clause: clauseSchema }).strict().optional(),
    })
    .strict(),
  z
    .object({
      ...factBase,
      kind: z.literal('enum'),
      values: z.array(z.object({ value: idSchema, label: zh, labelEn: z.string().optional() }).strict()).min(1),
      default: idSchema,
      /** A value other than those in `except` needs a written reason in the text fact `fact` (e.g. qualitativeReason). */
      requiresReason: z.object({ fact: z.string().min(1), except: z.array(idSchema), clause: clauseSchema }).strict().optional(),
    })
    .strict(),
  z.object({ ...factBase, kind: z.literal('text'), maxLength: z.number().int().min(1).default(2000) }).strict(),
]);
export type FactDef = z.infer<typeof factDefSchema>;
export type FactKind = FactDef['kind'];

// ---------------------------------------------------------------------------------------------------------------
// Levels, criteria, flags

export const levelDefSchema = z
  .object({
    id: levelIdSchema,
    /** 特别重大 / 重大 / 较大 / 一般 */
    name: zh,
    nameEn: z.string().optional(),
    /** CSS colour for the UI, and its Chinese name (红/橙/黄/蓝). */
    colour: z.string().min(1),
    colourName: z.string().optional(),
    clause: clauseSchema,
  })
  .strict();
export type LevelDef = z.infer<typeof levelDefSchema>;

/**
 * One row-cell of a grading table: `fact` tested by `range` (numbers) or `equals` (enum / boolean) gives `level`.
 * `requires` is a precondition (e.g. 疑似与质量相关); a criterion whose precondition fails does not fire.
 */
export const criterionSchema = z
  .object({
    id: idSchema,
    level: levelIdSchema,
    clause: clauseSchema,
    /** The clause's words, e.g. 同一批号疫苗短期内引起5例以上患者死亡. */
    text: zh,
    textEn: z.string().optional(),
    fact: z.string().min(1),
    range: rangeSchema.optional(),
    equals: scalarSchema.optional(),
    requires: z.object({ when: conditionSchema, text: zh, textEn: z.string().optional() }).strict().optional(),
    /** How sure the number is, when the plan's source is only partly verified (shown beside it, never inside its words). */
    verified: z.enum(['verbatim', 'partial', 'unverified']).optional(),
  })
  .strict()
  .refine((c) => (c.range === undefined) !== (c.equals === undefined), 'a criterion needs exactly one of range / equals');
export type Criterion = z.infer<typeof criterionSchema>;

/** A named boolean rule computed from the facts and/or the grade, e.g. 森林防火条例 32(3) "死亡3人以上". */
export const flagDefSchema = z
  .object({
    id: idSchema,
    clause: clauseSchema,
    text: zh,
    textEn: z.string().optional(),
    when: conditionSchema,
    /** A must-report-up flag: while it holds, the incident must be reported to the higher level at once
     * (e.g. 《森林防火条例》第三十二条). `ercon classify` lists these clauses as `reportUpFlags`. */
    reportUp: z.boolean().default(false),
  })
  .strict();
export type FlagDef = z.infer<typeof flagDefSchema>;

/** A level every incident of the plan has at least (e.g. any forest fire is at least 一般). */
export const minimumLevelSchema = z.object({ level: levelIdSchema, clause: clauseSchema, text: zh }).strict();

// ---------------------------------------------------------------------------------------------------------------
// Organisation: bodies (units), command structure

export const unitSchema = z
  .object({
    id: idSchema,
    /** 县市场监督管理局 */
    name: zh,
    kind: z.enum(['hq', 'office', 'government', 'party', 'member', 'external', 'other']),
    /** The unit's duties in the plan's words (e.g. 2.2.3). */
    duties: z.array(zh).default([]),
    clause: clauseSchema.optional(),
  })
  .strict();
export type Unit = z.infer<typeof unitSchema>;

export const workingGroupSchema = z
  .object({
    id: idSchema,
    name: zh,
    /** Units in the order the plan lists them; the first is the lead. */
    units: z.array(idSchema).min(1),
    /** Units that join only in a named situation (e.g. 涉外、涉台时 县委统战部). */
    conditionalUnits: z.array(z.object({ unit: idSchema, when: zh }).strict()).default([]),
    duties: zh,
    clause: clauseSchema,
  })
  .strict();
export type WorkingGroup = z.infer<typeof workingGroupSchema>;

export const commandStructureSchema = z
  .object({
    hq: z
      .object({
        unit: idSchema,
        commander: zh,
        deputies: z.array(zh),
        /** Member units (their duties are on the units). */
        members: z.array(idSchema),
        duties: z.array(zh),
        clause: clauseSchema,
      })
      .strict(),
    office: z.object({ unit: idSchema, seatedAt: idSchema, head: zh, duties: z.array(zh), clause: clauseSchema }).strict(),
    groups: z.array(workingGroupSchema),
    groupsClause: clauseSchema.optional(),
  })
  .strict();
export type CommandStructure = z.infer<typeof commandStructureSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Life cycle

/**
 * Guards the engine knows. The plan chooses which apply to a transition and cites the clause; the engine supplies
 * the meaning:
 * - `level-not-below-facts`  the chosen level may not be lower than what the facts give (6.2, decision)
 * - `reason-if-above-facts`  a level above the facts needs a written reason (6.2 可直接提高相应启动级别)
 * - `escalate-up`            level-changed escalate must go up; it may skip levels (6.2)
 * - `de-escalate-one-step`   level-changed de-escalate goes exactly one level down (6.4 逐级)
 * - `facts-below-current`    de-escalation only when the facts are below the current level's criteria (6.4)
 * - `expert-evaluation`      an expert evaluation recommending it is on record since the last level change (6.4)
 * - `termination-proposed`   the office has proposed termination after that evaluation (6.4)
 * - `same-body-as-start`     only the body that started the response ends it (6.4 谁启动谁终止)
 * - `assessment-recorded`    an assessment is on record (5.4)
 * - `assessment-matches-facts` the assessed level equals the grade of the facts on record (5.4)
 * - `facts-not-graded`       the facts give no level (dismissal: not an incident of this plan, 5.4)
 * - `report-filed:<kind>`    a report of that kind has been filed (e.g. `report-filed:final`)
 * - `report-kind-allowed`    report-filed: the report's kind is allowed in this state (`param` = comma list)
 * - `checklist-item-done`    the checklist item `param` is recorded done (e.g. 火场检查验收合格, 第四十三条)
 */
export const GUARD_IDS = [
  'level-not-below-facts',
  'reason-if-above-facts',
  'escalate-up',
  'de-escalate-one-step',
  'facts-below-current',
  'expert-evaluation',
  'termination-proposed',
  'same-body-as-start',
  'assessment-recorded',
  'assessment-matches-facts',
  'facts-not-graded',
  'report-filed',
  'report-kind-allowed',
  'checklist-item-done',
] as const;
export const guardSchema = z
  .object({
    /** A guard registered by name (shared/engine/guards.ts); `loadPlan` refuses a name no guard is registered under. */
    guard: idSchema,
    /** For `report-filed`: the report kind; for `report-kind-allowed`: kinds separated by commas. */
    param: z.string().optional(),
    clause: clauseSchema,
    /** What the rule says, shown as the reason when it refuses. */
    text: zh,
    textEn: z.string().optional(),
  })
  .strict();
export type Guard = z.infer<typeof guardSchema>;
export type GuardId = (typeof GUARD_IDS)[number] | (string & {});

export const stateDefSchema = z
  .object({
    id: idSchema,
    label: zh,
    labelEn: z.string().optional(),
    clause: clauseSchema,
    description: z.string().optional(),
    /** `responding`: a response level is in force while in this state. `terminal`: nothing more happens. */
    kind: z.enum(['initial', 'normal', 'responding', 'terminal']).default('normal'),
  })
  .strict();
export type StateDef = z.infer<typeof stateDefSchema>;

export const transitionSchema = z
  .object({
    id: idSchema,
    /** The event type that performs it (see shared/engine/events.ts); `transition` events name the id. */
    event: idSchema,
    from: z.array(idSchema).min(1),
    /** The state after; absent = stays (facts updated, report filed…). */
    to: idSchema.optional(),
    label: zh,
    labelEn: z.string().optional(),
    clause: clauseSchema,
    /** Bodies that may trigger it (the event payload's `by`); absent = anyone. */
    triggeredBy: z.array(idSchema).optional(),
    /** Bodies of which one must approve it (the payload's `approvedBy`); absent = no approval. */
    approvedBy: z.array(idSchema).optional(),
    guards: z.array(guardSchema).default([]),
    /** For level-changed: which direction this transition covers. */
    direction: z.enum(['escalate', 'de-escalate']).optional(),
  })
  .strict();
export type Transition = z.infer<typeof transitionSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Obligations (reports and deadlines), timers, checklists

export const reportFieldSchema = z.object({ id: idSchema, label: zh, labelEn: z.string().optional() }).strict();

export const obligationSchema = z
  .object({
    id: idSchema,
    /** The report kind that satisfies it (report-filed payload `kind`): first / progress / final / … */
    kind: idSchema,
    label: zh,
    labelEn: z.string().optional(),
    clause: clauseSchema,
    /** When it is due; absent = no fixed deadline (e.g. 进程报告: as the incident develops). `countyDecision`: the
     *  time limit is the county's own (县定), e.g. a clock for a fire report the regulation only says is "立即". */
    due: z.object({ anchor: anchorSchema, after: durationSchema, text: zh, countyDecision: z.boolean().default(false) }).strict().optional(),
    /** A rhythm: while the incident is in one of `whileStates`, the next report of this kind is due `after` the last one
     *  (or the start), e.g. a progress report every 2 hours while a fire burns (县定). */
    every: z
      .object({
        after: durationSchema.optional(),
        /** A daily report instead: due by each of these Beijing times (HH:MM), e.g. 08:00 and 17:00 (县定). */
        at: z.array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')).min(1).optional(),
        /** With `at`: the first report is due at the first of those times at least this long after the start. */
        graceFromStart: durationSchema.optional(),
        whileStates: z.array(idSchema).min(1),
        text: zh,
        countyDecision: z.boolean().default(false),
      })
      .strict()
      .refine((e) => !!e.after !== !!e.at, { message: 'every: give either `after` (a rhythm) or `at` (times of day), not both' })
      .optional(),
    /** Phone first (电话先报): the obligation's `due` is met by any report, a phone call included; the written report
     *  has its own clock from the same anchor, e.g. phone within 30 minutes, written within 1 hour (县定). */
    writtenDue: z.object({ after: durationSchema, text: zh, countyDecision: z.boolean().default(false) }).strict().optional(),
    /** Reports of this kind are numbered in filing order, e.g. 续报一、续报二 (a correction keeps the number it corrects). */
    numbered: z.object({ prefix: zh, clause: clauseSchema }).strict().optional(),
    /** The obligation exists once this event has happened (default: the due anchor's event; else `reported`). */
    startsWith: idSchema.optional(),
    /** Units the report goes to. */
    recipients: z.array(idSchema).min(1),
    /** The content the plan requires, in its words (疫苗预案 5.2). */
    requiredFields: z.array(reportFieldSchema),
    /** Channels allowed for it; absent = any. */
    channels: z.array(idSchema).optional(),
    repeatable: z.boolean().default(false),
  })
  .strict();
export type Obligation = z.infer<typeof obligationSchema>;

/** A clock running from an event, e.g. 森林防火条例 32(5): still burning 24 h after the fire started. */
export const timerSchema = z
  .object({
    id: idSchema,
    clause: clauseSchema,
    text: zh,
    textEn: z.string().optional(),
    anchor: anchorSchema,
    after: durationSchema,
    /** The timer stops (is cancelled) once the incident is in one of these states or one of these events happened. */
    stopStates: z.array(idSchema).default([]),
    stopEvents: z.array(idSchema).default([]),
    /** When elapsed and not stopped, it is raised as a flag with this id/clause/text. */
    flag: z.boolean().default(false),
    /** The raised flag is a must-report-up flag (see flagDefSchema.reportUp). */
    reportUp: z.boolean().default(false),
    /** When elapsed and not stopped, it is shown as a prompt to decide (e.g. 研判 under 第三十五条第五项), not a flag. */
    prompt: z.boolean().default(false),
  })
  .strict();
export type Timer = z.infer<typeof timerSchema>;

export const checklistItemSchema = z
  .object({ id: idSchema, text: zh, textEn: z.string().optional(), unit: idSchema, group: idSchema.optional(), clause: clauseSchema.optional() })
  .strict();

export const checklistSchema = z
  .object({
    id: idSchema,
    /** The state in which it applies. */
    state: idSchema,
    /** The response levels at which it applies; absent = whatever the level. */
    levels: z.array(levelIdSchema).optional(),
    title: zh,
    titleEn: z.string().optional(),
    clause: clauseSchema,
    items: z.array(checklistItemSchema).min(1),
  })
  .strict();
export type Checklist = z.infer<typeof checklistSchema>;
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

/** One document the plan version rests on: 《森林草原防灭火条例》（国务院令第822号）第四十五条…, in force from a date. */
export const basisSchema = z
  .object({
    document: zh,
    number: z.string().optional(),
    issuedBy: z.string().optional(),
    /** The articles the plan encodes, in the document's own numbering (第四十五条, 4.1, 6(8)…). */
    articles: z.array(z.string().min(1)).default([]),
    /** The date the document took effect (YYYY-MM-DD), when known. */
    effectiveFrom: z.iso.date().optional(),
    /** What it governs in this plan, e.g. 分级 / 报告 / 处置流程. */
    role: z.string().optional(),
  })
  .strict();
export type Basis = z.infer<typeof basisSchema>;

/**
 * A warning the incident page shows while its condition holds over the facts and the grade, e.g. 疫苗预案 5.1: an incident
 * involving foreigners must be notified to 县委统战部 (until the checklist item `unlessDone` is done).
 */
export const warningDefSchema = z
  .object({ id: idSchema, clause: clauseSchema, text: zh, textEn: z.string().optional(), when: conditionSchema, unlessDone: idSchema.optional() })
  .strict();
export type WarningDef = z.infer<typeof warningDefSchema>;

/** A short tag on the board while a condition holds (e.g. 涉外). */
export const tagDefSchema = z.object({ id: idSchema, text: zh, textEn: z.string().optional(), when: conditionSchema }).strict();

/**
 * Clauses the engine cites for rules it applies to every plan, in this plan's numbering. A plan that leaves one out
 * has its rule cited as the county's own decision (县定).
 */
export const ruleClausesSchema = z
  .object({
    /** The level in force is below what the facts give: assess and raise (疫苗预案 6.2). */
    levelBelowFacts: clauseSchema.optional(),
    /** A phone report must be followed by a written one (疫苗预案 5.3). */
    writtenAfterPhone: clauseSchema.optional(),
    /** Nothing is overwritten: a correction is a new event / a new report pointing at the old one (疫苗预案 5.1). */
    corrections: clauseSchema.optional(),
    /** A classified report goes through the confidential channel (疫苗预案 5.1). */
    confidential: clauseSchema.optional(),
  })
  .strict();

/** How the console shows the plan: which screen its incidents open on, its short name, whether intake offers it. */
export const presentationSchema = z
  .object({
    /** `incident`: the incident page (intake: 接报登记); `fire`: the fire screen (森林防火). */
    screen: z.enum(['incident', 'fire']).default('incident'),
    /** Short name for lists and tabs (疫苗 / 药品 / 森林火灾). */
    shortName: zh,
    shortNameEn: z.string().optional(),
    /** Offered when a new incident is recorded (false: only incidents already pinned to it are shown). */
    intake: z.boolean().default(true),
    /** The grade shown during the incident is provisional (e.g. 第四十六条、第四十七条: the investigation report sets it). */
    gradeNote: zh.optional(),
    /** What to do when a must-report-up flag holds, in the rule's words (e.g. 第三十四条、第三十五条: 逐级报告…). */
    reportUpSay: z.object({ text: zh, textEn: z.string().optional(), clause: clauseSchema }).strict().optional(),
    /** The plan's texts have English labels (labelEn / textEn); a plan without them is shown in Chinese in English mode. */
    english: z.boolean().default(false),
  })
  .strict();

export const channelSchema = z.object({ id: idSchema, label: zh, clause: clauseSchema.optional(), confidential: z.boolean().default(false), written: z.boolean().default(true) }).strict();

// ---------------------------------------------------------------------------------------------------------------
// The plan

/**
 * Whom the duty room notifies when an event happens (issue 16 item 2): when an event of type `on` is recorded (at one of
 * `levels`, when given), a notification round opens with the plan units named (`units`) and every unit of the kinds
 * named (`unitKinds`, e.g. all member units), each looked up in the contact directory.
 */
export const notificationRuleSchema = z
  .object({
    id: idSchema,
    on: z.string().min(1),
    levels: z.array(levelIdSchema).optional(),
    units: z.array(idSchema).default([]),
    unitKinds: z.array(z.enum(['hq', 'office', 'government', 'party', 'member', 'external', 'other'])).default([]),
    /** What the round is, in the plan's words (e.g. 向县指挥部成员单位通报情况). */
    label: zh,
    clause: clauseSchema,
  })
  .strict();
export type NotificationRule = z.infer<typeof notificationRuleSchema>;

export const planSchema = z
  .object({
    id: idSchema,
    /** Semantic-ish version string; an incident remembers the id and version it was opened under. */
    version: z.string().min(1),
    /** The first Beijing date (YYYY-MM-DD) this version is in force: an incident that occurred on or after it is graded by it. */
    effectiveFrom: z.iso.date(),
    /** The last Beijing date it is in force (inclusive), when a repeal is known (e.g. 《森林防火条例》 until 2025-12-31). */
    effectiveUntil: z.iso.date().optional(),
    /** The documents and articles this version encodes. */
    basis: z.array(basisSchema).min(1),
    presentation: presentationSchema,
    title: zh,
    titleEn: z.string().optional(),
    /** Where the rules come from, and how sure we are (e.g. only one clause confirmed from a public copy). */
    source: z
      .object({
        document: zh,
        issuedBy: z.string().optional(),
        number: z.string().optional(),
        date: z.string().optional(),
        lines: z.string().optional(),
        note: z.string().optional(),
        verified: z.enum(['verbatim', 'partial', 'unverified']).default('verbatim'),
      })
      .strict(),
    /** How the plan reads counting words (疫苗预案 10.3). */
    countingRule: z.object({ text: zh, clause: clauseSchema }).strict().optional(),
    facts: z.array(factDefSchema).min(1),
    levels: z.array(levelDefSchema).min(1),
    criteria: z.array(criterionSchema),
    minimumLevel: minimumLevelSchema.optional(),
    flags: z.array(flagDefSchema).default([]),
    /** Text shown when the facts reach no level. */
    notGradedText: zh.optional(),
    /** The clause that says what no level means (e.g. 第四十七条: 不统计为火灾; the incident is still handled). */
    notGradedClause: clauseSchema.optional(),
    warnings: z.array(warningDefSchema).default([]),
    notifications: z.array(notificationRuleSchema).default([]),
    tags: z.array(tagDefSchema).default([]),
    ruleClauses: ruleClausesSchema.default({}),
    /** After a phone report (a channel with written: false) the written report is due within `after` (e.g. 疫苗预案
     *  5.3 says only "随后", so the limit is the county's: 县定); absent = no clock, only the warning. */
    writtenFollowUp: z.object({ after: durationSchema, text: zh, clause: clauseSchema }).strict().optional(),
    /** A written report goes out only after 签发 by a duty leader (e.g. the county's rule: 县定); absent = 签发 optional. */
    reportSignOff: z.object({ text: zh, clause: clauseSchema }).strict().optional(),
    units: z.array(unitSchema).min(1),
    command: commandStructureSchema.optional(),
    states: z.array(stateDefSchema).min(1),
    transitions: z.array(transitionSchema).min(1),
    reportChannels: z.array(channelSchema).default([]),
    obligations: z.array(obligationSchema).default([]),
    timers: z.array(timerSchema).default([]),
    checklists: z.array(checklistSchema).default([]),
  })
  .strict();

/** A plan after validation (defaults filled in). */
export type Plan = z.infer<typeof planSchema>;
/** A plan as written (JSON-compatible; defaults may be omitted). */
export type PlanInput = z.input<typeof planSchema>;
