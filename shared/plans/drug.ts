/**
 * 交城县药品安全突发事件应急预案 (issued with the vaccine plan, 交政办发〔2024〕14号), as data.
 *
 * Its text is not in the gazette (docs/rules/vaccine-drug.md). The grading table follows the national plan the county plans copy,
 * 《药品和医疗器械安全突发事件应急预案（试行）》国食药监办〔2011〕370号 (docs/rules/vaccine-drug.md): only the level-I
 * clause "罕见的或非预期的不良事件的人数超过50人（含…" was confirmed from a public copy; the other numbers follow the
 * same document's known structure and are kept here as plain data so the office can correct them (edit a copy,
 * `ercon plan validate`, load it) without a code change. "超过 N 人（含）" is read as "N or more".
 *
 * Reports, life cycle, command structure and groups: as the vaccine plan (the two were issued together) [decision],
 * with 疫苗 read as 药品; first report within 1 hour is a plan parameter [decision].
 */
import { loadPlan } from '../engine/plan';
import type { PlanInput } from '../engine/schema';
import {
  FOREIGNERS_FACT,
  FOREIGNERS_TAG,
  FOREIGNERS_WARNING,
  VACCINE_NOTIFICATIONS,
  REPORT_SIGN_OFF,
  VACCINE_RULE_CLAUSES,
  WRITTEN_FOLLOW_UP,
  vaccineChannels,
  vaccineChecklists,
  vaccineCommand,
  vaccineObligations,
  vaccineStates,
  vaccineTransitions,
  vaccineUnits,
} from './vaccine';

/** Re-word the vaccine plan's shared parts for the drug plan (deep copy; JSON-compatible data only). */
function asDrug<T>(x: T): T {
  return JSON.parse(
    JSON.stringify(x)
      .replaceAll('疫苗质量安全突发事件', '药品安全突发事件')
      .replaceAll('疫苗质量安全事件', '药品安全突发事件')
      .replaceAll('疫苗质量安全事故', '药品安全突发事件')
      .replaceAll('疫苗安全事件', '药品安全突发事件')
      .replaceAll('疫苗质量安全', '药品安全')
      .replaceAll('疫苗接种者', '用药人员')
      // 补种 (a second dose) is a vaccine measure with no drug counterpart: dropped wherever it stands.
      .replaceAll('及时做好疫苗补种，', '')
      .replaceAll('，及时做好疫苗补种', '')
      .replaceAll('疫苗接种异常反应监测', '药品不良反应监测')
      .replaceAll('疑似预防接种异常反应事件', '药品不良反应事件')
      .replaceAll('和接种单位', '')
      .replaceAll('网络销售疫苗', '网络销售药品')
      .replaceAll('疫苗', '药品'),
  ) as T;
}

export const drugPlanData: PlanInput = {
  id: 'drug',
  version: '2024.1',
  effectiveFrom: '2024-06-15',
  basis: [
    {
      document: '《交城县药品安全突发事件应急预案》',
      number: '交政办发〔2024〕14号',
      issuedBy: '交城县人民政府办公室',
      articles: ['报告、响应、后期处置参照同时印发的疫苗预案 5–8（县定）'],
      effectiveFrom: '2024-06-15',
      role: '报告、响应',
    },
    {
      document: '《药品和医疗器械安全突发事件应急预案（试行）》',
      number: '国食药监办〔2011〕370号',
      issuedBy: '原国家食品药品监督管理局',
      articles: ['事件分级（I–IV级）'],
      role: '分级',
    },
  ],
  presentation: { screen: 'incident', shortName: '药品安全突发事件', shortNameEn: 'Drug safety incident', intake: true, english: false },
  title: '交城县药品安全突发事件应急预案',
  titleEn: 'Jiaocheng County drug safety incident plan',
  source: {
    document: '《药品和医疗器械安全突发事件应急预案（试行）》（国食药监办〔2011〕370号）分级标准；县预案随交政办发〔2024〕14号印发，正文未刊载于公报',
    issuedBy: '交城县人民政府办公室（县预案）；原国家食品药品监督管理局（分级标准来源）',
    number: '交政办发〔2024〕14号；国食药监办〔2011〕370号',
    date: '2024-06-15',
    verified: 'partial',
    note:
      '仅 I 级“罕见的或非预期的不良事件的人数超过50人（含）”一条经公开文本核实；其余数字按该文件的通行结构录入，待县指挥部办公室核对。' +
      '“超过N人（含）”按“N人以上”理解。报告时限、生命周期、指挥体系与工作组参照同时印发的疫苗预案（决定），首次报告1小时为预案参数（决定）。',
  },
  countingRule: { text: '“以上”含本数，“以下”不含本数；“超过N人（含）”含本数', clause: '附则' },
  facts: [
    { name: 'deathsSameBatch', kind: 'count', label: '同一批号药品短期内引起死亡人数', labelEn: 'deaths from the same batch in a short time', clause: '分级I(1)', unit: '例', step: { zh: '再有{n}人死亡', en: '{n} more death(s)' } },
    { name: 'clusteredRareAE', kind: 'count', label: '相对集中时间和区域内，同一药品引起临床表现相似的罕见或非预期的不良事件人数', labelEn: 'clustered rare or unexpected adverse events', clause: '分级I(2)', unit: '人', step: { zh: '再有{n}人出现罕见或非预期的不良事件', en: '{n} more clustered rare/unexpected AE' } },
    { name: 'clusteredSeriousAE', kind: 'count', label: '其中特别严重不良事件人数（可能永久性伤残、永久性器官损伤或危及生命）', labelEn: 'clustered especially serious adverse events', clause: '分级I(2)', unit: '人', step: { zh: '再有{n}人出现特别严重不良事件', en: '{n} more especially serious AE' } },
    { name: 'provincesWithLevelII', kind: 'count', label: '短期内同一药品在2个以上省份各引发重大（II级）药品安全突发事件的省份数', labelEn: 'provinces each with a level-II incident from the same drug', clause: '分级I(3)', unit: '个省份', step: { zh: '再有{n}个省份发生II级事件', en: '{n} more province(s) with a level-II incident' } },
    { name: 'prefecturesWithLevelIII', kind: 'count', label: '短期内同一药品在1个省内2个以上地市各引发较大（III级）药品安全突发事件的地市数', labelEn: 'prefectures of one province each with a level-III incident', clause: '分级II(3)', unit: '个地市', step: { zh: '再有{n}个地市发生III级事件', en: '{n} more prefecture(s) with a level-III incident' } },
    { name: 'countiesWithLevelIV', kind: 'count', label: '短期内同一药品在1个地市内2个以上县（区）各引发一般（IV级）药品安全突发事件的县数', labelEn: 'counties of one prefecture each with a level-IV incident', clause: '分级III(3)', unit: '个县', step: { zh: '再有{n}个县发生IV级事件', en: '{n} more count(ies) with a level-IV incident' } },
    {
      name: 'qualitative',
      kind: 'enum',
      label: '其他情形（定性判断）',
      labelEn: 'other (qualitative judgement)',
      clause: '分级I(4)',
      values: [
        { value: 'none', label: '无', labelEn: 'none' },
        { value: 'general', label: '其他一般药品安全突发事件', labelEn: 'other general incident' },
        { value: 'larger', label: '其他危害较大的药品安全突发事件', labelEn: 'larger harm' },
        { value: 'serious', label: '其他危害严重的药品安全突发事件', labelEn: 'serious harm' },
        { value: 'especially-serious', label: '其他危害特别严重的药品安全突发事件', labelEn: 'especially serious harm' },
      ],
      default: 'none',
      requiresReason: { fact: 'qualitativeReason', except: ['none'], clause: '分级I(4)' },
    },
    { name: 'qualitativeReason', kind: 'text', label: '定性判断的理由', labelEn: 'reason for the qualitative judgement', clause: '分级I(4)', maxLength: 2000 },
    FOREIGNERS_FACT,
  ],
  levels: [
    { id: 'I', name: '特别重大', nameEn: 'especially major', colour: '#c62828', colourName: '红', clause: '分级' },
    { id: 'II', name: '重大', nameEn: 'major', colour: '#ef6c00', colourName: '橙', clause: '分级' },
    { id: 'III', name: '较大', nameEn: 'larger', colour: '#f9a825', colourName: '黄', clause: '分级' },
    { id: 'IV', name: '一般', nameEn: 'general', colour: '#1565c0', colourName: '蓝', clause: '分级' },
  ],
  // 国食药监办〔2011〕370号 分级标准（docs/rules/vaccine-drug.md）。数字为可编辑的预案数据。
  criteria: [
    { id: 'I-deaths', level: 'I', clause: '分级I(1)', fact: 'deathsSameBatch', range: { gte: 5 }, text: `同一批号药品短期内引起5人以上死亡`, verified: 'unverified' },
    { id: 'I-rare', level: 'I', clause: '分级I(2)', fact: 'clusteredRareAE', range: { gte: 50 }, text: `同一药品引起临床表现相似的罕见的或非预期的不良事件的人数超过50人（含）`, verified: 'verbatim' },
    { id: 'I-serious', level: 'I', clause: '分级I(2)', fact: 'clusteredSeriousAE', range: { gte: 10 }, text: `引起特别严重不良事件10人以上`, verified: 'unverified' },
    { id: 'I-spread', level: 'I', clause: '分级I(3)', fact: 'provincesWithLevelII', range: { gte: 2 }, text: `短期内2个以上省份因同一药品发生重大（II级）药品安全突发事件`, verified: 'unverified' },
    { id: 'I-other', level: 'I', clause: '分级I(4)', fact: 'qualitative', equals: 'especially-serious', text: '其他危害特别严重的药品安全突发事件' },
    { id: 'II-deaths', level: 'II', clause: '分级II(1)', fact: 'deathsSameBatch', range: { gte: 2, lte: 4 }, text: `同一批号药品短期内引起2至4人死亡`, verified: 'unverified' },
    { id: 'II-rare', level: 'II', clause: '分级II(2)', fact: 'clusteredRareAE', range: { gte: 30, lte: 49 }, text: `罕见的或非预期的不良事件30至49人`, verified: 'unverified' },
    { id: 'II-serious', level: 'II', clause: '分级II(2)', fact: 'clusteredSeriousAE', range: { gte: 5, lte: 9 }, text: `特别严重不良事件5至9人`, verified: 'unverified' },
    { id: 'II-spread', level: 'II', clause: '分级II(3)', fact: 'prefecturesWithLevelIII', range: { gte: 2 }, text: `短期内1个省内2个以上地市因同一药品发生较大（III级）药品安全突发事件`, verified: 'unverified' },
    { id: 'II-other', level: 'II', clause: '分级II(4)', fact: 'qualitative', equals: 'serious', text: '其他危害严重的药品安全突发事件' },
    { id: 'III-deaths', level: 'III', clause: '分级III(1)', fact: 'deathsSameBatch', range: { gte: 1, lte: 1 }, text: `同一批号药品短期内引起1人死亡`, verified: 'unverified' },
    { id: 'III-rare', level: 'III', clause: '分级III(2)', fact: 'clusteredRareAE', range: { gte: 20, lte: 29 }, text: `罕见的或非预期的不良事件20至29人`, verified: 'unverified' },
    { id: 'III-serious', level: 'III', clause: '分级III(2)', fact: 'clusteredSeriousAE', range: { gte: 3, lte: 4 }, text: `特别严重不良事件3至4人`, verified: 'unverified' },
    { id: 'III-spread', level: 'III', clause: '分级III(3)', fact: 'countiesWithLevelIV', range: { gte: 2 }, text: `短期内1个地市内2个以上县因同一药品发生一般（IV级）药品安全突发事件`, verified: 'unverified' },
    { id: 'III-other', level: 'III', clause: '分级III(4)', fact: 'qualitative', equals: 'larger', text: '其他危害较大的药品安全突发事件' },
    { id: 'IV-rare', level: 'IV', clause: '分级IV(1)', fact: 'clusteredRareAE', range: { gte: 10, lte: 19 }, text: `罕见的或非预期的不良事件10至19人`, verified: 'unverified' },
    { id: 'IV-serious', level: 'IV', clause: '分级IV(1)', fact: 'clusteredSeriousAE', range: { gte: 1, lte: 2 }, text: `特别严重不良事件1至2人`, verified: 'unverified' },
    { id: 'IV-other', level: 'IV', clause: '分级IV(2)', fact: 'qualitative', equals: 'general', text: '其他一般药品安全突发事件' },
  ],
  notGradedText: '所报事实未达到药品安全突发事件分级标准',
  flags: [
    { id: 'report-city-at-once', clause: '6.2.1', text: 'I、II、III级：县指挥部立即向市市场监督管理局和县人民政府报告', when: { level: { gte: 'III' } } },
    { id: 'county-gov-leads', clause: '6.2.2', text: 'IV级应急响应由县政府组织实施', when: { level: { in: ['IV'] } } },
  ],
  warnings: [asDrug(FOREIGNERS_WARNING)],
  // As the vaccine plan (6.2.1, 6.2.2(2)), the two plans being issued together [decision]; the numbers are the directory's.
  notifications: asDrug(VACCINE_NOTIFICATIONS),
  tags: [FOREIGNERS_TAG],
  ruleClauses: VACCINE_RULE_CLAUSES,
  writtenFollowUp: WRITTEN_FOLLOW_UP,
  reportSignOff: REPORT_SIGN_OFF,
  units: asDrug(vaccineUnits),
  command: asDrug(vaccineCommand),
  states: asDrug(vaccineStates),
  transitions: asDrug(vaccineTransitions),
  reportChannels: asDrug(vaccineChannels),
  obligations: asDrug(vaccineObligations),
  checklists: asDrug(vaccineChecklists),
};

export const drugPlan = loadPlan(drugPlanData);
