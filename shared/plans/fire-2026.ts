/**
 * Forest and grassland fires under 《森林草原防灭火条例》（国务院令第822号）, in force from 2026-01-01 (docs/rules/fire-2026.md).
 * Its 第六十三条 repealed 《森林防火条例》 and 《草原防火条例》 that day; fires that occurred before keep the 2008 rules
 * (forest-fire.ts, version 2024.1). Two plans share one life cycle:
 *  - grading 第四十五条 ("以上"含本数, "以下"不含本数); 第四十七条: below the lowest band and with no death or serious
 *    injury the fire is not counted (不统计为火灾) but is still a 火情, handled and reported under 第三十四条;
 *  - report-up 第三十五条 (1)–(5): over-burned area (过火面积) is a fact apart from the damaged area (受害面积);
 *  - reporting 第三十四条: at once, level by level, skipping a level when needed; no hour limit is set by the regulation;
 *  - the 24-hour mark of a fire still burning is a prompt to decide (研判) under 35(5), not a flag;
 *  - front-line command post 第三十八条 when reinforced; guards leave only after inspection and acceptance 第四十三条;
 *    the investigation and assessment report 第四十六条 closes the fire; statistics 第四十七条;
 *  - the teams and stages of the county's own procedure (交政发〔2024〕7号 4(2), 6(5), 6(8)); steps the county decided
 *    itself are cited 县定.
 * Plain JSON-compatible data: an office may correct a number in an edited copy without a code change.
 */
import { loadPlan } from '../engine/plan';
import type { PlanInput } from '../engine/schema';

const LAW = '《森林草原防灭火条例》';
const COUNTY = '《交城县全面加强新形势下森林防灭火工作的实施意见》';
/** The states of a fire in progress (after the report, before it is closed). */
const LIVE: string[] = ['reported', 'firstAttack', 'reinforced', 'controlled', 'extinguished', 'guarded', 'withdrawn'];

type Kind = 'forest' | 'grassland';
type FlagInput = NonNullable<PlanInput['flags']>[number];
const WORD: Record<Kind, string> = { forest: '森林', grassland: '草原' };

function basis(kind: Kind): PlanInput['basis'] {
  return [
    {
      document: LAW,
      number: '国务院令第822号',
      issuedBy: '国务院',
      articles: ['第二十七条', '第三十一条', '第三十四条', '第三十五条', '第三十六条', '第三十八条', '第四十三条', '第四十五条', '第四十六条', '第四十七条'],
      effectiveFrom: '2026-01-01',
      role: kind === 'forest' ? '分级、报告、处置（取代《森林防火条例》）' : '分级、报告、处置（取代《草原防火条例》）',
    },
    {
      document: COUNTY,
      number: '交政发〔2024〕7号',
      issuedBy: '交城县人民政府',
      articles: ['4(2)', '6(5)', '6(8)'],
      effectiveFrom: '2024-05-17',
      role: '县处置流程、队伍梯队（与条例不一致处以条例为准）',
    },
  ];
}

const casualtyFacts: PlanInput['facts'] = [
  { name: 'deaths', kind: 'count', label: '死亡人数', labelEn: 'deaths', unit: '人', clause: '第四十五条', step: { zh: '再有{n}人死亡', en: '{n} more death(s)' } },
  { name: 'seriousInjuries', kind: 'count', label: '重伤人数', labelEn: 'serious injuries', unit: '人', clause: '第四十五条', step: { zh: '再有{n}人重伤', en: '{n} more serious injury(ies)' } },
];

const reportUpFacts: PlanInput['facts'] = [
  { name: 'threatensResidentialOrKeyFacilities', kind: 'boolean', label: '威胁居民区或者重要设施', labelEn: 'threatens residential areas or important facilities', clause: '第三十五条(三)' },
  {
    name: 'borderDistanceKm',
    kind: 'number',
    optional: true,
    label: '距国界或者实际控制线的距离',
    labelEn: 'distance to the national border or the line of actual control',
    unit: '公里',
    clause: '第三十五条(四)',
  },
  { name: 'borderResourceThreat', kind: 'boolean', label: '对我国或者邻国森林草原资源构成威胁', labelEn: 'threatens forest or grassland resources of China or the neighbouring country', clause: '第三十五条(四)' },
  {
    name: 'judgedReportUp',
    kind: 'boolean',
    label: '经研判需要报告',
    labelEn: 'judged (研判) to need reporting up',
    clause: '第三十五条(五)',
    requiresReason: { fact: 'judgedReportUpReason', clause: '第三十五条(五)' },
  },
  { name: 'judgedReportUpReason', kind: 'text', label: '研判结论和理由', labelEn: 'the judgement and its reason', clause: '第三十五条(五)', maxLength: 2000 },
];

/** 第四十五条: the casualty bands, the same for forest and grassland fires. */
function casualtyCriteria(): PlanInput['criteria'] {
  const rows: Array<[string, number, number | undefined, number, number | undefined]> = [
    // level, deaths from, deaths below, injuries from, injuries below
    ['IV', 1, 3, 1, 10],
    ['III', 3, 10, 10, 50],
    ['II', 10, 30, 50, 100],
    ['I', 30, undefined, 100, undefined],
  ];
  return rows.flatMap(([level, d0, d1, i0, i1]) => [
    {
      id: `deaths-${level}`,
      level: level as 'I',
      clause: '第四十五条',
      fact: 'deaths',
      range: d1 === undefined ? { gte: d0 } : { gte: d0, lt: d1 },
      text: d1 === undefined ? `死亡${d0}人以上` : `死亡${d0}人以上${d1}人以下`,
      textEn: d1 === undefined ? `${d0} or more deaths` : `${d0}–${d1 - 1} deaths`,
    },
    {
      id: `injuries-${level}`,
      level: level as 'I',
      clause: '第四十五条',
      fact: 'seriousInjuries',
      range: i1 === undefined ? { gte: i0 } : { gte: i0, lt: i1 },
      text: i1 === undefined ? `重伤${i0}人以上` : `重伤${i0}人以上${i1}人以下`,
      textEn: i1 === undefined ? `${i0} or more serious injuries` : `${i0}–${i1 - 1} serious injuries`,
    },
  ]);
}

function areaCriteria(kind: Kind, fact: string, bands: [number, number, number, number]): PlanInput['criteria'] {
  const w = WORD[kind];
  const [a, b, c, d] = bands;
  const label = `受害${w}面积`;
  return [
    { id: 'area-IV', level: 'IV', clause: '第四十五条', fact, range: { gte: a, lt: b }, text: `${label}在${a}公顷以上${b}公顷以下`, textEn: `${a} to under ${b} ha damaged` },
    { id: 'area-III', level: 'III', clause: '第四十五条', fact, range: { gte: b, lt: c }, text: `${label}在${b}公顷以上${c}公顷以下`, textEn: `${b} to under ${c} ha damaged` },
    { id: 'area-II', level: 'II', clause: '第四十五条', fact, range: { gte: c, lt: d }, text: `${label}在${c}公顷以上${d}公顷以下`, textEn: `${c} to under ${d} ha damaged` },
    { id: 'area-I', level: 'I', clause: '第四十五条', fact, range: { gte: d }, text: `${label}在${d}公顷以上`, textEn: `${d} ha or more damaged` },
  ];
}

function levels(kind: Kind): PlanInput['levels'] {
  const w = WORD[kind];
  const en = kind === 'forest' ? 'forest fire' : 'grassland fire';
  return [
    { id: 'I', name: `特别重大${w}火灾`, nameEn: `especially major ${en}`, colour: '#d32f2f', colourName: '红', clause: '第四十五条' },
    { id: 'II', name: `重大${w}火灾`, nameEn: `major ${en}`, colour: '#f57c00', colourName: '橙', clause: '第四十五条' },
    { id: 'III', name: `较大${w}火灾`, nameEn: `large ${en}`, colour: '#fbc02d', colourName: '黄', clause: '第四十五条' },
    { id: 'IV', name: `一般${w}火灾`, nameEn: `ordinary ${en}`, colour: '#1976d2', colourName: '蓝', clause: '第四十五条' },
  ];
}

/** 第三十五条: items (2)–(5), the same for forest and grassland; item (1) is the over-burned area of each kind. */
function reportUpFlags(item1: FlagInput): FlagInput[] {
  return [
    item1,
    {
      id: 'report35-2',
      reportUp: true,
      clause: '35(2)',
      text: '造成3人以上死亡或者10人以上重伤',
      textEn: '3 or more deaths or 10 or more serious injuries',
      when: { any: [{ fact: 'deaths', range: { gte: 3 } }, { fact: 'seriousInjuries', range: { gte: 10 } }] },
    },
    { id: 'report35-3', reportUp: true, clause: '35(3)', text: '威胁居民区或者重要设施', textEn: 'threatens residential areas or important facilities', when: { fact: 'threatensResidentialOrKeyFacilities', equals: true } },
    {
      id: 'report35-4',
      reportUp: true,
      clause: '35(4)',
      text: '发生在国界或者实际控制线附近5公里以内，并对我国或者邻国森林草原资源构成威胁',
      textEn: 'within 5 km of the national border or the line of actual control, threatening forest or grassland resources of China or the neighbouring country',
      when: { all: [{ fact: 'borderDistanceKm', range: { lte: 5 } }, { fact: 'borderResourceThreat', equals: true }] },
    },
    { id: 'report35-5', reportUp: true, clause: '35(5)', text: '经研判需要报告的其他火灾', textEn: 'other fires judged to need reporting up', when: { fact: 'judgedReportUp', equals: true } },
  ];
}

const units: PlanInput['units'] = [
  { id: 'hq', name: '县森林防灭火指挥部', kind: 'hq', clause: '交政发〔2024〕7号 3(3)', duties: ['统一组织、指挥森林草原火灾扑救（第三十六条）'] },
  { id: 'office', name: '县森林防灭火指挥部办公室（县应急管理局）', kind: 'office', clause: '第四条', duties: ['承担指挥部日常工作（第四条）', '核实火情报告', '确认报告火情奖励（交政发〔2024〕7号 6(8)）'] },
  { id: 'countyGov', name: '县人民政府', kind: 'government', clause: '第三十六条', duties: ['接到火灾报告后立即按预案处置（第三十六条）', '组织火灾调查评估（第四十六条）', '审批防火期内的特殊用火（第二十七条）'] },
  { id: 'emergency', name: '县应急管理局', kind: 'member', clause: '第四条', duties: ['承担指挥部日常工作，发布火灾信息（第四条、第四十二条）'] },
  { id: 'forestry', name: '县林业局', kind: 'member', clause: '第二十九条', duties: ['火灾预防、防火巡护、火源管理，设置临时防火检查站（第二十九条）'] },
  { id: 'police', name: '县公安局', kind: 'member', clause: '交政发〔2024〕7号 二(二)', duties: ['火场警戒、交通疏导、治安维护、火案侦破'] },
  { id: 'weather', name: '县气象局', kind: 'member', duties: ['火险等级预报'] },
  { id: 'media', name: '县融媒体中心', kind: 'member', clause: '交政发〔2024〕7号 6(2)', duties: ['滚动播放防火标语'] },
  { id: 'township', name: '乡镇人民政府', kind: 'government', clause: '第三十四条', duties: ['属地扑救，立即逐级上报（第三十四条）'] },
  { id: 'forestFarm', name: '辖区林场', kind: 'other', clause: '交政发〔2024〕7号 6(8)', duties: ['及时上报火情'] },
  { id: 'countyTeam', name: '县森林消防专业队（100人）', kind: 'other', clause: '交政发〔2024〕7号 6(5)', duties: ['24小时待命，特险期分兵靠前驻防'] },
  { id: 'semiProTeam', name: '林区乡镇半专业灭火队（50—100人）', kind: 'other', clause: '交政发〔2024〕7号 6(5)', duties: ['乡镇整装训练，全县统一调用'] },
  { id: 'quickTeam', name: '乡镇快速反应应急队伍（不少于20人）', kind: 'other', clause: '交政发〔2024〕7号 6(5)', duties: ['全天候待命，发生火情后第一时间组织扑救'] },
  { id: 'villageTeam', name: '村群众灭火队伍（10—20人）', kind: 'other', clause: '交政发〔2024〕7号 6(5)', duties: ['第四梯队，保障后勤和运送物资'] },
  { id: 'enterpriseTeams', name: '大型企业半专业灭火队伍（各100人）', kind: 'other', clause: '交政发〔2024〕7号 6(5)', duties: ['特险期开展专业培训和演练，作为后续补充力量备用'] },
  { id: 'cityHq', name: '吕梁市森林草原防灭火指挥部', kind: 'external', clause: '第三十四条', duties: ['接收县级逐级上报'] },
];

function lifeCycle(kind: Kind): Pick<PlanInput, 'states' | 'transitions' | 'reportChannels' | 'obligations' | 'timers' | 'checklists'> {
  const w = WORD[kind];
  return {
    states: [
      { id: 'watch', label: '值守', labelEn: 'on watch', clause: '交政发〔2024〕7号 4(2)', kind: 'initial', description: '日常巡查巡护、火情监测' },
      { id: 'reported', label: '接报', labelEn: 'reported', clause: '第三十四条', kind: 'normal', description: '立即派人核实，采取处置措施，逐级报告' },
      { id: 'firstAttack', label: '首次扑救', labelEn: 'first attack', clause: '第三十六条', kind: 'normal', description: '就近快速反应队伍第一时间扑救，打早、打小、打了' },
      { id: 'reinforced', label: '增援扑救', labelEn: 'reinforced', clause: '交政发〔2024〕7号 6(5)', kind: 'normal', description: '随火势增加梯队；需要时成立前线指挥部（第三十八条）' },
      { id: 'controlled', label: '火势控制', labelEn: 'controlled', clause: '县定', kind: 'normal' },
      { id: 'extinguished', label: '明火扑灭', labelEn: 'extinguished', clause: '县定', kind: 'normal' },
      { id: 'guarded', label: '清理看守', labelEn: 'guarded', clause: '第四十三条', kind: 'normal', description: '清理余火，看守火场，经检查验收合格方可撤离' },
      { id: 'withdrawn', label: '撤离', labelEn: 'withdrawn', clause: '第四十三条', kind: 'normal' },
      { id: 'closed', label: '结案', labelEn: 'closed', clause: '第四十六条', kind: 'terminal', description: '调查评估报告已报送' },
    ],
    transitions: [
      { id: 'receiveReport', event: 'reported', from: ['watch'], to: 'reported', label: '接报火情', labelEn: 'receive the fire report', clause: '第三十四条' },
      { id: 'firstAttack', event: 'transition', from: ['reported'], to: 'firstAttack', label: '开始首次扑救', labelEn: 'start the first attack', clause: '第三十六条' },
      { id: 'reinforce', event: 'transition', from: ['firstAttack', 'reinforced'], to: 'reinforced', label: '增援（增加梯队）', labelEn: 'reinforce', clause: '交政发〔2024〕7号 6(5)' },
      { id: 'control', event: 'transition', from: ['firstAttack', 'reinforced'], to: 'controlled', label: '火势得到控制', labelEn: 'fire under control', clause: '县定' },
      { id: 'extinguish', event: 'transition', from: ['firstAttack', 'reinforced', 'controlled'], to: 'extinguished', label: '明火扑灭', labelEn: 'open fire out', clause: '县定' },
      { id: 'rekindle', event: 'transition', from: ['extinguished', 'guarded'], to: 'reinforced', label: '复燃，重新扑救', labelEn: 'rekindled', clause: '县定' },
      { id: 'guard', event: 'transition', from: ['extinguished'], to: 'guarded', label: '清理看守火场', labelEn: 'mop up and guard', clause: '第四十三条' },
      {
        id: 'withdraw',
        event: 'transition',
        from: ['guarded'],
        to: 'withdrawn',
        label: '看守人员撤离',
        labelEn: 'guards withdraw',
        clause: '第四十三条',
        guards: [{ guard: 'checklist-item-done', param: 'fireGroundAccepted', clause: '第四十三条', text: '火场经检查验收合格后，看守人员方可撤离', textEn: 'guards may leave only after the fire ground has been inspected and accepted' }],
      },
      {
        id: 'close',
        event: 'closed',
        from: ['withdrawn'],
        to: 'closed',
        label: '结案',
        labelEn: 'close',
        clause: '第四十六条',
        triggeredBy: ['hq', 'office'],
        guards: [
          { guard: 'report-filed', param: 'first', clause: '第三十四条', text: '结案前须已书面报告火情', textEn: 'the fire must have been reported in writing before it is closed' },
          { guard: 'report-filed', param: 'final', clause: '第四十六条', text: '结案前须已报送火灾调查评估报告', textEn: 'the investigation and assessment report must have been filed before closing' },
          { guard: 'open-items-need-reason', clause: '县定', text: '尚有处置事项未完成，结案须写明理由', textEn: 'checklist items are still open: closing needs a written reason' },
        ],
      },
      { id: 'dismiss', event: 'dismissed', from: ['reported'], to: 'closed', label: `核实不是${w}火情`, labelEn: 'verified: not a fire', clause: '第三十四条', triggeredBy: ['hq', 'office'] },
      { id: 'updateFacts', event: 'facts-updated', from: [...LIVE], label: '更新火场事实（重新定级）', labelEn: 'update the facts (regrade)', clause: '第四十五条' },
      { id: 'fileReport', event: 'report-filed', from: [...LIVE, 'closed'], label: '报送', labelEn: 'file a report', clause: '第三十四条' },
      { id: 'checkItem', event: 'checklist-item-done', from: [...LIVE], label: '完成处置事项', labelEn: 'item done', clause: '交政发〔2024〕7号 6(5)' },
      { id: 'note', event: 'note', from: ['watch', ...LIVE, 'closed'], label: '备注', labelEn: 'note', clause: '县定' },
      { id: 'correct', event: 'correction', from: [...LIVE, 'closed'], label: '更正', labelEn: 'correction', clause: '县定' },
    ],
    reportChannels: [
      { id: 'phone', label: '电话', written: false },
      { id: 'fax', label: '传真' },
      { id: 'system', label: '网络直报（信息系统）', clause: '第三十四条' },
    ],
    obligations: [
      {
        id: 'firstReport',
        kind: 'first',
        label: '火情报告（立即逐级报告，必要时越级上报）',
        labelEn: 'fire report (at once, level by level; skip a level when needed)',
        clause: '第三十四条',
        // 第三十四条 says only "立即": the 30-minute clock is the county's decision, so a fire never sits without one.
        due: { anchor: { event: 'reported' }, after: { minutes: 30 }, text: '接报后30分钟内（县定；第三十四条规定“立即”）', countyDecision: true },
        // Phone first: the 30 minutes are met by a phone report; the written report has its own clock (县定).
        writtenDue: { after: { hours: 1 }, text: '接报后1小时内报送书面报告（县定）', countyDecision: true },
        recipients: ['hq', 'cityHq'],
        requiredFields: [
          { id: 'place', label: '起火地点' },
          { id: 'startedAt', label: '起火时间' },
          { id: 'area', label: `受害、过火${w}面积和火势` },
          { id: 'casualties', label: '人员伤亡' },
          { id: 'response', label: '扑救力量和措施' },
        ],
      },
      {
        id: 'progressReport',
        kind: 'progress',
        label: '火情续报',
        labelEn: 'progress report',
        clause: '第三十四条',
        startsWith: 'reported',
        // While the fire burns, a progress report every 2 hours after the last report (县定).
        every: { after: { hours: 2 }, whileStates: ['reported', 'firstAttack', 'reinforced', 'controlled'], text: '明火扑灭前每2小时续报一次（县定）', countyDecision: true },
        numbered: { prefix: '续报', clause: '县定' },
        recipients: ['hq', 'cityHq'],
        requiredFields: [{ id: 'progress', label: '扑救进展' }],
        repeatable: true,
      },
      {
        id: 'finalReport',
        kind: 'final',
        label: '火灾调查评估报告',
        labelEn: 'investigation and assessment report',
        clause: '第四十六条',
        startsWith: 'reported',
        recipients: ['countyGov', 'hq', 'cityHq'],
        requiredFields: [
          { id: 'cause', label: '起火原因' },
          { id: 'damage', label: kind === 'forest' ? '受害森林面积和蓄积' : '受害草原面积' },
          { id: 'casualties', label: '人员伤亡' },
          { id: 'losses', label: '其他损失' },
          { id: 'ecology', label: '生态环境影响' },
          { id: 'responseAssessment', label: '扑救情况评估' },
        ],
      },
    ],
    timers: [
      {
        id: 'burning24h',
        clause: '35(5)',
        text: '起火已满24小时仍未扑灭明火：请研判是否属于第三十五条第五项须立即报告的火灾，并记录研判结论',
        textEn: 'still burning 24 hours after it started: decide (研判) whether it must be reported up under Art. 35(5), and record the judgement',
        anchor: { event: 'reported', payloadField: 'incidentStartedAt' },
        after: { hours: 24 },
        stopStates: ['extinguished', 'guarded', 'withdrawn', 'closed'],
        prompt: true,
      },
    ],
    checklists: [
      {
        id: 'reportedItems',
        state: 'reported',
        title: '接报：立即核实、处置、报告', titleEn: 'Reported: verify, act and report at once',
        clause: '第三十四条',
        items: [
          { id: 'verify', text: '立即派人赶赴火场核实火情，采取处置措施', textEn: 'send people to the fire at once to verify it and take measures', unit: 'township', clause: '第三十四条' },
          { id: 'reportUp', text: '立即向县人民政府和上级森林草原防灭火指挥机构逐级报告，必要时越级上报；能网络直报的网络直报', textEn: 'report at once to the county government and the higher forest and grassland fire HQ, level by level (skip a level when needed; network direct reporting where possible)', unit: 'office', clause: '第三十四条' },
        ],
      },
      {
        id: 'firstAttackTeams',
        state: 'firstAttack',
        title: '首次扑救：就近力量（打早、打小、打了）', titleEn: 'First attack: the nearest forces (early, small, finished)',
        clause: '交政发〔2024〕7号 6(5)',
        items: [
          { id: 'quickTeam', text: '乡镇快速反应应急队伍（不少于20人）由分管领导带队第一时间扑救', textEn: 'the township rapid-response team (at least 20) attacks at once, led by the leader in charge', unit: 'quickTeam', clause: '交政发〔2024〕7号 6(5)' },
          { id: 'villageTeam', text: '村群众灭火队伍（10—20人）作为第四梯队保障后勤、运送物资', textEn: 'the village volunteer team (10–20), as the fourth tier, handles logistics and supplies', unit: 'villageTeam', clause: '交政发〔2024〕7号 6(5)' },
          { id: 'police', text: '公安部门赶赴现场：火场警戒、交通疏导、火案侦破', textEn: 'police to the scene: cordon, traffic control, investigation of the fire case', unit: 'police', clause: '交政发〔2024〕7号 6(8)' },
        ],
      },
      {
        id: 'reinforcedTeams',
        state: 'reinforced',
        title: '增援扑救：按梯队增加力量', titleEn: 'Reinforcement: add forces tier by tier',
        clause: '交政发〔2024〕7号 6(5)',
        items: [
          { id: 'frontCommand', text: '需要时成立火场前线指挥部，由县级以上地方人民政府负责人担任总指挥，明确专业指挥员', textEn: 'when needed, set up a forward command post headed by a leader of the government at county level or above, with a professional commander named', unit: 'countyGov', clause: '第三十八条' },
          { id: 'countyTeam', text: '调集县森林消防专业队（100人）', textEn: 'call in the county professional forest fire brigade (100)', unit: 'countyTeam', clause: '交政发〔2024〕7号 6(5)' },
          { id: 'semiProTeam', text: '调集林区乡镇半专业灭火队（50—100人，全县统一调用）', textEn: 'call in the forest townships\' semi-professional teams (50–100, deployed county-wide)', unit: 'semiProTeam', clause: '交政发〔2024〕7号 6(5)' },
          { id: 'enterpriseTeams', text: '视情调用大型企业半专业灭火队伍（各100人）作为后续补充力量', textEn: 'as needed, call in the large enterprises\' semi-professional teams (100 each) as back-up', unit: 'enterpriseTeams', clause: '交政发〔2024〕7号 6(5)' },
          { id: 'weather', text: '提供火场天气预报，视情开展人工增雨作业', textEn: 'provide the fire-ground weather forecast; artificial rain enhancement as needed', unit: 'weather', clause: '交政发〔2024〕7号 6(6)' },
        ],
      },
      {
        id: 'guardedItems',
        state: 'guarded',
        title: '清理看守火场', titleEn: 'Mop up and guard the fire ground',
        clause: '第四十三条',
        items: [
          { id: 'mopUp', text: '清理余火、留足看守人员，防止复燃', textEn: 'put out remaining fire and leave enough guards to prevent rekindling', unit: 'township', clause: '县定' },
          { id: 'fireGroundAccepted', text: '火场经检查验收合格（合格后看守人员方可撤离）', textEn: 'fire ground inspected and accepted (the guards may leave only then)', unit: 'hq', clause: '第四十三条' },
        ],
      },
      {
        id: 'withdrawnItems',
        state: 'withdrawn',
        title: '撤离后：调查评估、统计与奖惩', titleEn: 'After withdrawal: investigation, statistics, rewards and penalties',
        clause: '第四十六条',
        items: [
          { id: 'investigationReport', text: '组织调查起火原因、受害面积、人员伤亡、其他损失、生态影响和扑救情况，形成调查评估报告', textEn: 'investigate the cause, the area damaged, casualties, other losses, ecological impact and the firefighting, and write the investigation and assessment report', unit: 'countyGov', clause: '第四十六条' },
          { id: 'statistics', text: '做好火灾统计，报送上级森林草原防灭火指挥机构和同级统计部门', textEn: 'compile the fire statistics and send them to the higher fire HQ and the statistics office at the same level', unit: 'hq', clause: '第四十七条' },
          { id: 'investigate', text: '公安部门侦破火案，追究肇事者责任', textEn: 'police solve the fire case and hold those responsible to account', unit: 'police', clause: '交政发〔2024〕7号 6(8)' },
          { id: 'rewards', text: '对第一时间发现并报告火情的人员，经乡镇及指挥部办公室确认，兑现100—500元奖励', textEn: 'pay 100–500 yuan to whoever first found and reported the fire, once the township and the HQ office confirm it', unit: 'office', clause: '交政发〔2024〕7号 6(8)' },
        ],
      },
    ],
  };
}

/** 第三十四条、第三十五条: what a must-report-up case means for the county duty room. */
const REPORT_UP_SAY = {
  text: '立即逐级报告，由省级森林草原防灭火指挥机构报告国家森林草原防灭火指挥机构；必要时可越级上报，能网络直报的网络直报',
  textEn: 'report up at once, level by level, for the provincial HQ to report to the national HQ; skip a level when needed; use network direct reporting where possible',
  clause: '第三十四条、第三十五条',
};

/** A phone report first, the written one within the hour (县定: 第三十四条 sets no form or limit). */
const WRITTEN_FOLLOW_UP = { after: { hours: 1 }, text: '电话报告后1小时内补报书面报告（县定）', clause: '县定' };

const GRADE_NOTE = '火灾等级为初判，最终以调查评估报告核定的受害面积和伤亡为准（第四十六条、第四十七条）';

export const forestFire2026PlanData = {
  id: 'forest-fire',
  version: '2026.1',
  effectiveFrom: '2026-01-01',
  basis: basis('forest'),
  presentation: { screen: 'fire', shortName: '森林火灾', shortNameEn: 'Forest fire', intake: true, gradeNote: GRADE_NOTE, reportUpSay: REPORT_UP_SAY, english: true },
  title: '交城县森林火灾处置（森林草原防灭火条例 + 交政发〔2024〕7号）',
  titleEn: 'Forest fire response (Forest and Grassland Fire Prevention Regulations 2026 + Jiaocheng county opinions 2024 No. 7)',
  source: {
    document: `${LAW}第三十四条、第三十五条、第四十五条、第四十七条；${COUNTY}`,
    issuedBy: '国务院（条例）；交城县人民政府（实施意见）',
    number: '国务院令第822号；交政发〔2024〕7号',
    date: '2025-11-16；2024-05-17',
    note: '条例自2026-01-01起施行（第六十三条废止《森林防火条例》）；县实施意见与条例不一致处以条例为准。',
    verified: 'verbatim',
  },
  countingRule: { text: '"以上"包括本数，"以下"不包括本数', clause: '第四十五条' },
  facts: [
    { name: 'burnedForestHa', kind: 'number', label: '受害森林面积', labelEn: 'damaged forest area', unit: '公顷', clause: '第四十五条', step: { zh: '受害森林面积再增加{n}公顷', en: '{n} more ha damaged' } },
    {
      name: 'overburnedForestHa',
      kind: 'number',
      optional: true,
      atLeast: 'burnedForestHa',
      label: '过火森林面积（不小于受害森林面积）',
      labelEn: 'over-burned forest area (at least the damaged area)',
      unit: '公顷',
      clause: '第三十五条(一)',
    },
    { name: 'otherForestLandFire', kind: 'boolean', label: '灌木林地、疏林地、未成林造林地、苗圃地等其他林地起火，未造成林木损毁', labelEn: 'fire on shrubland, sparse forest, young plantation or nursery land that damaged no trees', clause: '第四十七条' },
    ...casualtyFacts,
    ...reportUpFacts,
  ],
  levels: levels('forest'),
  criteria: [...areaCriteria('forest', 'burnedForestHa', [0.067, 10, 100, 1000]), ...casualtyCriteria()],
  notGradedText: '不统计为森林火灾（无人员死亡、重伤，受害森林面积不足0.067公顷或为其他林地起火未造成林木损毁）：仍按火情处置，并依第三十四条报告',
  notGradedClause: '第四十七条',
  flags: reportUpFlags({
    id: 'report35-1',
    reportUp: true,
    clause: '35(1)',
    text: '过火森林面积超过100公顷',
    textEn: 'over-burned forest area above 100 ha',
    // Over-burned is never less than damaged: when only the damaged area is known it counts as the over-burned area.
    when: { any: [{ fact: 'overburnedForestHa', range: { gt: 100 } }, { fact: 'burnedForestHa', range: { gt: 100 } }] },
  }),
  units,
  ...lifeCycle('forest'),
  writtenFollowUp: WRITTEN_FOLLOW_UP,
} satisfies PlanInput;

export const grasslandFire2026PlanData = {
  id: 'grassland-fire',
  version: '2026.1',
  effectiveFrom: '2026-01-01',
  basis: basis('grassland'),
  presentation: { screen: 'fire', shortName: '草原火灾', shortNameEn: 'Grassland fire', intake: true, gradeNote: GRADE_NOTE, reportUpSay: REPORT_UP_SAY, english: true },
  title: '交城县草原火灾处置（森林草原防灭火条例）',
  titleEn: 'Grassland fire response (Forest and Grassland Fire Prevention Regulations 2026)',
  source: {
    document: `${LAW}第三十四条、第三十五条、第四十五条、第四十七条`,
    issuedBy: '国务院',
    number: '国务院令第822号',
    date: '2025-11-16',
    note: '条例自2026-01-01起施行（第六十三条废止《草原防火条例》）；处置队伍与流程沿用县森林防灭火实施意见（县定）。',
    verified: 'verbatim',
  },
  countingRule: { text: '"以上"包括本数，"以下"不包括本数', clause: '第四十五条' },
  facts: [
    { name: 'damagedGrasslandHa', kind: 'number', label: '受害草原面积', labelEn: 'damaged grassland area', unit: '公顷', clause: '第四十五条', step: { zh: '受害草原面积再增加{n}公顷', en: '{n} more ha damaged' } },
    {
      name: 'overburnedGrasslandHa',
      kind: 'number',
      optional: true,
      atLeast: 'damagedGrasslandHa',
      label: '过火草原面积（不小于受害草原面积）',
      labelEn: 'over-burned grassland area (at least the damaged area)',
      unit: '公顷',
      clause: '第三十五条(一)',
    },
    ...casualtyFacts,
    ...reportUpFacts,
  ],
  levels: levels('grassland'),
  criteria: [...areaCriteria('grassland', 'damagedGrasslandHa', [10, 1000, 5000, 8000]), ...casualtyCriteria()],
  notGradedText: '不统计为草原火灾（无人员死亡、重伤，受害草原面积不足10公顷）：仍按火情处置，并依第三十四条报告',
  notGradedClause: '第四十七条',
  flags: reportUpFlags({
    id: 'report35-1',
    reportUp: true,
    clause: '35(1)',
    text: '过火草原面积超过5000公顷',
    textEn: 'over-burned grassland area above 5000 ha',
    when: { any: [{ fact: 'overburnedGrasslandHa', range: { gt: 5000 } }, { fact: 'damagedGrasslandHa', range: { gt: 5000 } }] },
  }),
  units,
  ...lifeCycle('grassland'),
  writtenFollowUp: WRITTEN_FOLLOW_UP,
} satisfies PlanInput;

export const forestFire2026Plan = loadPlan(forestFire2026PlanData);
export const grasslandFire2026Plan = loadPlan(grasslandFire2026PlanData);
