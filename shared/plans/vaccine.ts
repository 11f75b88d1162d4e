/**
 * 交城县疫苗质量安全事件应急预案（交政办发〔2024〕14号）, as data.
 * Source: seeds/000_bbaae34271a4a84b.txt lines 1558–1907; docs/rules/vaccine-drug.md. Every rule cites its clause.
 * The counting words follow 10.3: "以上" includes the number, "以下" excludes it; "超过 N" is > N; "不多于 N" is ≤ N.
 */
import { loadPlan } from '../engine/plan';
import type { PlanInput } from '../engine/schema';

type Units = PlanInput['units'];
type States = PlanInput['states'];
type Transitions = PlanInput['transitions'];
type Obligations = PlanInput['obligations'];
type Channels = PlanInput['reportChannels'];
type Checklists = PlanInput['checklists'];
type CommandStructure = NonNullable<PlanInput['command']>;

// ---------------------------------------------------------------------------------------------------------------
// Command structure (2.1–2.3)

/** Member units in the order of 2.1, with their duties from 2.2.3 verbatim. */
export const vaccineUnits: Units = [
  { id: 'county-gov', name: '县人民政府', kind: 'government', clause: '2.1', duties: ['成立县应急指挥部，统一领导组织协调疫苗质量安全事件的应急处置工作（2.1）', 'IV级应急响应由县政府组织实施（6.2.2）'] },
  { id: 'county-party', name: '县委', kind: 'party', clause: '6.4', duties: [] },
  { id: 'hq', name: '县指挥部', kind: 'hq', clause: '2.1', duties: [] },
  { id: 'office', name: '县指挥部办公室', kind: 'office', clause: '2.1', duties: [] },
  { id: 'propaganda', name: '县委宣传部', kind: 'member', clause: '2.2.3', duties: ['负责指导疫苗安全事件宣传报道和舆论引导工作。负责第一时间从指挥部获得权威信息，并及时、准确、全面、客观地宣传报道。'] },
  { id: 'cyberspace', name: '县委网信办', kind: 'member', clause: '2.2.3', duties: ['加强与县委宣传部的协调联动，做好疫苗安全事件网上信息发布、宣传报道、舆情监测和舆论引导工作。对县指挥部认定存在网络销售疫苗违法违规行为的网站依法予以处置。'] },
  { id: 'ndrc', name: '县发改局', kind: 'member', clause: '2.2.3', duties: ['负责协调、落实县级应急救援物资与应急生活必需品的动员计划和指令。'] },
  { id: 'education', name: '县教育体育局', kind: 'member', clause: '2.2.3', duties: ['负责协助县有关部门开展涉及各级各类教育机构在校学生疫苗质量安全事件的调查处置工作。'] },
  { id: 'police', name: '县公安局', kind: 'member', clause: '2.2.3', duties: ['负责事发地的现场保护、治安秩序维护工作；周边道路交通管制、保障应急救援道路畅通；做好涉嫌犯罪案件的侦查工作，依法严厉打击危害疫苗质量安全犯罪行为。'] },
  { id: 'finance', name: '县财政局', kind: 'member', clause: '2.2.3', duties: ['负责疫苗质量安全事件应急处置所需经费的保障及监管。'] },
  { id: 'health', name: '县卫生健康局', kind: 'member', clause: '2.2.3', duties: ['负责组织协调相关医疗机构、疾病预防控制机构和接种单位，做好疫苗质量安全事件患者的医疗救治和事件调查处置等工作。组织疫苗接种异常反应监测和数据分析，配合开展疫苗质量安全事件的调查、确认工作；对疾控机构中的疫苗质量安全事件采取控制措施；组织疾控机构按规定上报疑似预防接种异常反应事件。'] },
  { id: 'emergency', name: '县应急管理局', kind: 'member', clause: '2.2.3', duties: ['指导应急预案修订工作，指导疫苗质量安全事件应急处置。负责统一收集、汇总报送县人民政府的重要信息，向相关部门通报。'] },
  { id: 'amr', name: '县市场监督管理局', kind: 'member', clause: '2.2.3', duties: ['指导疫苗质量安全事件应急处置等工作。负责牵头做好疫苗质量安全事件的应急处置工作。'] },
  { id: 'civil', name: '县民政局', kind: 'member', clause: '2.2.3', duties: ['负责疫苗质量安全事件涉及人员基本生活陷入困境的临时救助、死亡人员的殡葬服务等，指导事件发生地人民政府做好善后工作。'] },
  { id: 'industry', name: '县工信和科技局', kind: 'member', clause: '2.2.3', duties: ['负责组织协调各电信运营企业做好应急通信保障工作，保障通信指挥畅通。'] },
  { id: 'media', name: '县融媒体中心', kind: 'member', clause: '2.2.3', duties: ['负责第一时间从指挥部获得权威信息，并及时、准确、全面、客观地宣传报道。'] },
  { id: 'united-front', name: '县委统战部', kind: 'party', clause: '5.1', duties: ['涉及外宾、华侨、港澳同胞时，由县指挥部办公室及时通报（5.1）；涉外、涉台时参加宣传报道组（2.3）'] },
  { id: 'county-emergency-office', name: '县应急救援总指挥部办公室（县应急管理局）', kind: 'other', clause: '5.1', duties: [] },
  { id: 'city-amr', name: '市市场监督管理局', kind: 'external', clause: '5.1', duties: [] },
  { id: 'city-hq', name: '市疫苗质量安全事件应急指挥部', kind: 'external', clause: '6.2.2', duties: [] },
  { id: 'township', name: '事发地乡（镇）人民政府', kind: 'government', clause: '2.1', duties: ['结合实际成立相应指挥机构，制定本辖区疫苗质量安全事件应急预案（2.1）'] },
];

export const vaccineCommand: CommandStructure = {
  hq: {
    unit: 'hq',
    commander: '县人民政府分管副县长',
    deputies: ['县政府办公室分管副主任', '县市场监督管理局局长', '县应急管理局局长', '县卫生健康局局长'],
    members: ['propaganda', 'cyberspace', 'ndrc', 'education', 'police', 'finance', 'health', 'emergency', 'amr', 'civil', 'industry', 'media'],
    duties: [
      '（1）贯彻落实党中央、国务院、省委、省政府及市委、市政府和县委、县政府关于处置疫苗质量安全事件的决策部署。',
      '（2）统筹组织协调全县疫苗质量安全事件防范、预警和处置工作，指导疫苗质量安全事件风险防控、监测预警、调查评估和善后工作。',
      '（3）启动、实施、终止应急响应，发布应急指令。',
      '（4）领导、组织、协调事故应急救援工作。',
      '（5）负责事件应急救援重大事项的决策。',
      '（6）按照上级要求发布事件的重要信息。',
      '（7）审议批准县指挥部办公室提交的应急处置工作报告等。',
      '（8）向县政府及上级有关部门报告事件情况。',
    ],
    clause: '2.1、2.2.1',
  },
  office: {
    unit: 'office',
    seatedAt: 'amr',
    head: '县市场监督管理局局长（兼任）',
    duties: [
      '（1）承担县指挥部日常工作。',
      '（2）贯彻落实县指挥部的各项工作部署和指令。',
      '（3）收集汇总分析上报疫苗质量安全事件应急处置信息，根据县指挥部指令通报应急处置工作情况。',
      '（4）按县指挥部要求，组织协调疫苗质量安全事件应急处置工作。',
      '（5）完成县指挥部交办的其他任务。',
    ],
    clause: '2.1、2.2.2',
  },
  groupsClause: '2.3',
  groups: [
    {
      id: 'investigation',
      name: '事件调查组',
      units: ['amr', 'police', 'health'],
      duties: '负责调查疫苗质量安全事件的发生原因，必要时可邀请生物技术专家参加事件调查，对问题产品进行抽样检验，为疫苗质量安全事件应急工作提供建议咨询、指导评价和评估研判，做出调查结论，提出处置和防范意见。',
      clause: '2.3',
    },
    {
      id: 'hazard-control',
      name: '危害控制组',
      units: ['amr', 'health'],
      duties: '负责组派应急队伍，监督、指导事发地政府职能部门对问题产品采取暂停使用，查封扣押，责令召回和销毁等行政控制措施，严格控制使用环节问题产品，防止危害蔓延扩大。',
      clause: '2.3',
    },
    {
      id: 'medical',
      name: '医疗救治组',
      units: ['health', 'amr'],
      duties: '负责组织协调相关医疗机构和疾病预防控制机构，调派医疗救治和公共卫生专家，实施疫苗接种者的医疗救治、样本采集、病原检测以及健康教育等工作，组织县级应急医药储备调拨，及时做好疫苗补种，做好疫苗质量安全监管工作。',
      clause: '2.3',
    },
    {
      id: 'support',
      name: '应急保障组',
      units: ['emergency', 'amr', 'finance', 'ndrc', 'industry'],
      duties: '提供应急救援资金及协助征用交通工具，负责协调组织调运应急救援设施，对受影响人群进行相应安置处理，负责应急设备、物资保障工作，保障通信指挥畅通。',
      clause: '2.3',
    },
    {
      id: 'publicity',
      name: '宣传报道组',
      units: ['propaganda', 'cyberspace', 'industry', 'amr', 'health', 'media'],
      conditionalUnits: [{ unit: 'united-front', when: '涉外、涉台时' }],
      duties: '根据县指挥部发布的信息，组织协调新闻媒体做好疫苗质量安全事件应急处置的新闻报道工作，正确引导舆论。',
      clause: '2.3',
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// Life cycle (3.2, 5.1, 5.4, 6.1–6.4, 7, 8), shaped as a state machine (docs/rules/vaccine-drug.md)

export const vaccineStates: States = [
  { id: 'monitoring', label: '监测', clause: '3.1', kind: 'initial', description: '日常监督检查、抽样检验、风险监测、舆情监测' },
  { id: 'warning', label: '预警', clause: '3.2', description: '县指挥部办公室发布风险预警，应急处置队伍待命' },
  { id: 'reported', label: '已接报', clause: '5.1', description: '县指挥部接到事件信息报告；先期处置（6.1）' },
  { id: 'assessing', label: '事件评估', clause: '5.4', description: '县市场监督管理局评估、核定级别，报县指挥部；县指挥部向县人民政府提出启动建议' },
  { id: 'responding', label: '应急响应', clause: '6.2', kind: 'responding', description: 'I–IV级响应' },
  { id: 'terminated', label: '响应终止', clause: '6.4', description: '谁启动谁终止；结案报告2周内报送' },
  { id: 'aftermath', label: '后期处置与善后', clause: '7、8' },
  { id: 'closed', label: '结案', clause: '5.2', kind: 'terminal' },
  { id: 'dismissed', label: '不予认定', clause: '5.4', kind: 'terminal', description: '评估认定不是疫苗质量安全事件' },
];

const LIVE = ['reported', 'assessing', 'responding', 'terminated', 'aftermath'];

export const vaccineTransitions: Transitions = [
  { id: 'issue-warning', event: 'warning-issued', from: ['monitoring', 'warning'], to: 'warning', label: '发布风险预警', clause: '3.2', triggeredBy: ['office'] },
  { id: 'receive-report', event: 'reported', from: ['monitoring', 'warning'], to: 'reported', label: '接报', clause: '5.1' },
  { id: 'update-facts', event: 'facts-updated', from: LIVE, label: '更新事实', clause: '5.2' },
  {
    id: 'assess',
    event: 'assessed',
    from: ['reported', 'assessing'],
    to: 'assessing',
    label: '事件评估、核定级别',
    clause: '5.4',
    triggeredBy: ['amr'],
    guards: [{ guard: 'assessment-matches-facts', clause: '5.4', text: '核定的级别须与所报事实的分级一致；如判断不同，先更新事实（含定性判断及理由）' }],
  },
  {
    id: 'reassess',
    event: 'assessed',
    from: ['responding'],
    label: '重新评估',
    clause: '5.4',
    triggeredBy: ['amr'],
    guards: [{ guard: 'assessment-matches-facts', clause: '5.4', text: '核定的级别须与所报事实的分级一致；如判断不同，先更新事实（含定性判断及理由）' }],
  },
  {
    id: 'start-response',
    event: 'response-started',
    from: ['assessing'],
    to: 'responding',
    label: '启动应急响应',
    clause: '6.2',
    triggeredBy: ['hq', 'county-gov'],
    approvedBy: ['county-gov'],
    guards: [
      { guard: 'assessment-recorded', clause: '5.4', text: '须先由县市场监督管理局评估并核定事件级别，由县指挥部向县人民政府提出启动应急响应建议' },
      { guard: 'level-not-below-facts', clause: '6.2', text: '响应级别不得低于事实所对应的级别（预案未授权降低启动级别）' },
      { guard: 'reason-if-above-facts', clause: '6.2', text: '高于事实所对应级别启动时（可直接提高相应启动级别），须写明理由' },
    ],
  },
  {
    id: 'escalate',
    event: 'level-changed',
    direction: 'escalate',
    from: ['responding'],
    label: '提升响应级别',
    clause: '6.2',
    triggeredBy: ['hq'],
    approvedBy: ['county-gov'],
    guards: [
      { guard: 'escalate-up', clause: '6.2', text: '提升只能提高级别（可越级提升）' },
      { guard: 'level-not-below-facts', clause: '6.2', text: '响应级别不得低于事实所对应的级别' },
      { guard: 'reason-if-above-facts', clause: '6.2', text: '高于事实所对应级别时须写明理由' },
    ],
  },
  {
    id: 'de-escalate',
    event: 'level-changed',
    direction: 'de-escalate',
    from: ['responding'],
    label: '降低响应级别',
    clause: '6.4',
    triggeredBy: ['hq', 'county-gov'],
    approvedBy: ['hq'],
    guards: [
      { guard: 'de-escalate-one-step', clause: '6.4', text: '降低响应级别须逐级进行，每次只降一级；IV级只能终止响应' },
      { guard: 'expert-evaluation', clause: '6.4', text: '须经评估（县指挥部办公室组织专家评估论证）' },
      { guard: 'facts-below-current', clause: '6.4', text: '经评估危害和影响降低至原级别标准以下，方可调整响应级别' },
      { guard: 'level-not-below-facts', clause: '6.2', text: '响应级别不得低于事实所对应的级别' },
    ],
  },
  { id: 'expert-evaluation', event: 'expert-evaluation-recorded', from: ['responding'], label: '专家评估论证', clause: '6.4', triggeredBy: ['office'] },
  {
    id: 'propose-termination',
    event: 'termination-proposed',
    from: ['responding'],
    label: '提出终止应急响应建议',
    clause: '6.4',
    triggeredBy: ['office'],
    guards: [{ guard: 'expert-evaluation', clause: '6.4', text: '终止建议须以县指挥部办公室组织的专家评估论证为据' }],
  },
  {
    id: 'terminate',
    event: 'response-terminated',
    from: ['responding'],
    to: 'terminated',
    label: '终止应急响应',
    clause: '6.4',
    triggeredBy: ['hq', 'county-gov'],
    approvedBy: ['hq'],
    guards: [
      { guard: 'expert-evaluation', clause: '6.4', text: '须由县指挥部办公室组织专家进行评估论证' },
      { guard: 'termination-proposed', clause: '6.4', text: '须由县指挥部办公室提出终止应急响应的建议，报县指挥部批准后实施' },
      { guard: 'same-body-as-start', clause: '6.4', text: '应急响应终止遵循“谁启动谁终止”原则' },
    ],
  },
  { id: 'start-aftermath', event: 'aftermath-started', from: ['terminated'], to: 'aftermath', label: '后期处置与善后', clause: '7、8', triggeredBy: ['hq'] },
  {
    id: 'file-report',
    event: 'report-filed',
    from: [...LIVE, 'dismissed'],
    label: '报送首次报告或进程报告',
    clause: '5.2',
    guards: [{ guard: 'report-kind-allowed', param: 'first,progress', clause: '5.2', text: '首次报告、进程报告在事件处置过程中报送' }],
  },
  {
    id: 'file-daily-report',
    event: 'report-filed',
    from: ['responding'],
    label: '报送每日报告',
    clause: '县定',
    guards: [{ guard: 'report-kind-allowed', param: 'daily', clause: '县定', text: '每日报告在应急响应期间报送' }],
  },
  {
    id: 'file-final-report',
    event: 'report-filed',
    from: ['terminated', 'aftermath'],
    label: '报送结案报告',
    clause: '5.2',
    guards: [{ guard: 'report-kind-allowed', param: 'final', clause: '5.2', text: '结案报告在事件应急响应终止后报送' }],
  },
  { id: 'checklist', event: 'checklist-item-done', from: LIVE, label: '完成处置事项', clause: '6' },
  { id: 'note', event: 'note', from: ['monitoring', 'warning', ...LIVE, 'closed', 'dismissed'], label: '备注', clause: '5.1' },
  { id: 'correct', event: 'correction', from: [...LIVE, 'closed', 'dismissed'], label: '更正', clause: '5.1' },
  {
    id: 'dismiss',
    event: 'dismissed',
    from: ['assessing'],
    to: 'dismissed',
    label: '不予认定',
    clause: '5.4',
    triggeredBy: ['amr', 'hq'],
    guards: [
      { guard: 'assessment-recorded', clause: '5.4', text: '须先由县市场监督管理局评估，初步判定是否为疫苗安全事件' },
      { guard: 'facts-not-graded', clause: '5.4', text: '所报事实已达到分级标准，不能认定为非疫苗质量安全事件' },
    ],
  },
  {
    id: 'close',
    event: 'closed',
    from: ['aftermath'],
    to: 'closed',
    label: '结案',
    clause: '5.2',
    triggeredBy: ['hq'],
    guards: [{ guard: 'report-filed', param: 'final', clause: '5.2', text: '结案报告报送后方可结案' }, { guard: 'open-items-need-reason', clause: '县定', text: '尚有处置事项未完成，结案须写明理由', textEn: 'checklist items are still open: closing needs a written reason' }],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Reports (5.1–5.3)

export const vaccineChannels: Channels = [
  { id: 'direct-report', label: '信息直报系统', clause: '5.3' },
  { id: 'email', label: '电子信箱', clause: '5.3' },
  { id: 'fax', label: '传真', clause: '5.3' },
  { id: 'phone', label: '电话口头报告（紧急情况下先报，再补报文字报告）', clause: '5.3', written: false },
  { id: 'written', label: '书面报告', clause: '5.3' },
  { id: 'confidential', label: '机要渠道（涉密内容）', clause: '5.1、5.3', confidential: true },
];

export const vaccineObligations: Obligations = [
  {
    id: 'first-report',
    kind: 'first',
    label: '首次报告',
    clause: '5.1、5.2',
    due: { anchor: { event: 'reported' }, after: { hours: 1 }, text: '县指挥部接到事件信息报告后一小时内' },
    recipients: ['county-gov', 'county-emergency-office', 'city-amr'],
    channels: ['direct-report', 'email', 'fax', 'phone', 'confidential'],
    requiredFields: [
      { id: 'eventName', label: '事件名称' },
      { id: 'eventNature', label: '事件性质' },
      { id: 'manufacturer', label: '所涉疫苗生产企业名称' },
      { id: 'productSpec', label: '产品规格' },
      { id: 'packagingAndBatch', label: '包装及批号' },
      { id: 'occurredTime', label: '事件发生的时间' },
      { id: 'place', label: '地点' },
      { id: 'informationSource', label: '信息来源' },
      { id: 'scopeAndNumbers', label: '涉及范围和人数' },
      { id: 'victims', label: '受害者基本信息' },
      { id: 'symptoms', label: '主要症状与体征' },
      { id: 'possibleCause', label: '可能原因及责任归属' },
      { id: 'measuresTaken', label: '已经采取的措施' },
      { id: 'trendAndHarm', label: '事件发展趋势和潜在危害程度' },
      { id: 'responseProposal', label: '应急响应启动和下一步工作建议' },
      { id: 'helpNeeded', label: '需要帮助解决的问题' },
      { id: 'reportingUnit', label: '报告单位' },
      { id: 'contact', label: '联络员及通讯方式' },
    ],
  },
  {
    id: 'progress-report',
    kind: 'progress',
    label: '进程报告',
    clause: '5.2',
    startsWith: 'reported',
    repeatable: true,
    // The plan's annex 3 is the 续报 form; numbering them 续报一、续报二 in filing order is the county's practice.
    numbered: { prefix: '续报', clause: '附件3（信息报告表·续报）；编号县定' },
    recipients: ['county-gov', 'county-emergency-office', 'city-amr'],
    channels: ['direct-report', 'email', 'fax', 'phone', 'confidential'],
    requiredFields: [
      { id: 'development', label: '事件的发展与变化' },
      { id: 'handlingProgress', label: '处置进程' },
      { id: 'causeInvestigation', label: '事件成因调查情况和结果' },
      { id: 'productControl', label: '产品控制情况' },
      { id: 'controlMeasures', label: '采取的系列控制措施' },
      { id: 'impactAssessment', label: '事件影响和势态评估' },
    ],
  },
  {
    // While a response lasts, a daily report by 08:00 and 17:00 (the county's rule: the plan names no daily report).
    id: 'daily-report',
    kind: 'daily',
    label: '每日报告（日报）',
    clause: '县定',
    startsWith: 'response-started',
    every: { at: ['08:00', '17:00'], graceFromStart: { hours: 2 }, whileStates: ['responding'], text: '应急响应期间每日8时、17时前报送（县定）', countyDecision: true },
    repeatable: true,
    recipients: ['county-gov', 'county-emergency-office', 'city-amr'],
    channels: ['direct-report', 'email', 'fax', 'confidential'],
    requiredFields: [
      { id: 'todayProgress', label: '当日事件进展' },
      { id: 'measuresToday', label: '当日处置措施' },
      { id: 'nextSteps', label: '下一步工作' },
    ],
  },
  {
    id: 'final-report',
    kind: 'final',
    label: '结案报告',
    clause: '5.2、6.4',
    due: { anchor: { event: 'response-terminated' }, after: { days: 14 }, text: '事件应急响应终止后2周内' },
    recipients: ['county-party', 'county-gov', 'city-amr'],
    channels: ['written', 'confidential'],
    requiredFields: [
      { id: 'termination', label: '应急响应终止' },
      { id: 'cause', label: '事件起因' },
      { id: 'nature', label: '性质' },
      { id: 'impact', label: '影响' },
      { id: 'responsibility', label: '责任' },
      { id: 'measures', label: '应对措施' },
      { id: 'lessons', label: '经验和存在的问题' },
      { id: 'recommendations', label: '今后对此类事件的防范和处置建议' },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Checklists per state and level

export const vaccineChecklists: Checklists = [
  {
    id: 'initial-disposal',
    state: 'reported',
    title: '先期处置',
    clause: '5.1、6.1',
    items: [
      { id: 'treat-harmed', text: '立即组织医疗机构对健康损害人进行救治', unit: 'health', clause: '6.1' },
      { id: 'scene-investigation', text: '到事发现场进行初步调查核实', unit: 'amr', clause: '6.1' },
      { id: 'seal-vaccine', text: '依法对相关疫苗和相关产品进行封存', unit: 'amr', clause: '6.1' },
      { id: 'suspend-sale-use', text: '根据情况在本行政区域内采取涉事疫苗暂停销售、使用等紧急控制措施', unit: 'amr', clause: '6.1' },
      { id: 'emergency-sampling', text: '组织进行应急抽检', unit: 'amr', clause: '6.1' },
      { id: 'guide-initial-disposal', text: '采取一切措施尽快掌握情况，指导事发地政府相关部门和事发单位进行先期处置，持续跟踪事件发展和应急处置情况', unit: 'hq', clause: '5.1' },
      { id: 'notify-united-front', text: '涉及外宾、华侨、港澳同胞时，及时向县委统战部等部门通报', unit: 'office', clause: '5.1' },
    ],
  },
  {
    id: 'assessment',
    state: 'assessing',
    title: '事件评估',
    clause: '5.4',
    items: [
      { id: 'assess-health-harm', text: '评估可能导致的健康危害及涉及范围，是否已造成健康危害后果及严重程度', unit: 'amr', clause: '5.4(1)' },
      { id: 'assess-impact', text: '评估事件影响范围及严重程度', unit: 'amr', clause: '5.4(2)' },
      { id: 'assess-trend', text: '评估事件发展蔓延趋势', unit: 'amr', clause: '5.4(3)' },
      { id: 'report-assessment-to-hq', text: '初步判定是否为疫苗安全事件，核定事件级别，将相关情况报县指挥部', unit: 'amr', clause: '5.4' },
      { id: 'propose-response', text: '向县人民政府提出启动应急响应建议', unit: 'hq', clause: '5.4' },
    ],
  },
  {
    id: 'response-i-iii',
    state: 'responding',
    levels: ['I', 'II', 'III'],
    title: 'I级、II级、III级响应',
    clause: '6.2.1',
    items: [
      { id: 'r13-report-up', text: '立即向市市场监督管理局和县人民政府报告，启动应急响应，按要求做好先期处置工作', unit: 'hq', clause: '6.2.1' },
      { id: 'r13-instructions', text: '贯彻上级的批示指示精神', unit: 'hq', clause: '6.2.1(1)' },
      { id: 'r13-notify-members', text: '立即向县指挥部成员单位通报情况，成员单位根据指挥部的指令在规定的时间内到达指定位置，根据职责部署本部门开展协同应急处置工作', unit: 'office', clause: '6.2.1(2)' },
      { id: 'r13-other', text: '做好上级安排的其他相关工作', unit: 'hq', clause: '6.2.1(3)' },
    ],
  },
  {
    id: 'response-iv',
    state: 'responding',
    levels: ['IV'],
    title: 'IV级应急响应（县政府组织实施）',
    clause: '6.2.2',
    items: [
      { id: 'r4-township-contact', text: '加强与事故所在乡（镇）人民政府疫苗质量安全事件应急指挥机构的通信联系，指导督促开展先期处置工作，随时掌握事件进展情况', unit: 'hq', clause: '6.2.2(1)' },
      { id: 'r4-notify-members', text: '立即向县指挥部成员单位通报情况，成员单位根据指挥部的指令在规定的时间内到达指定位置，根据职责部署本部门开展协同应急处置工作', unit: 'office', clause: '6.2.2(2)' },
      { id: 'r4-expert-meeting', text: '组织召开专家咨询会，分析情况、提出处置建议，派遣相关救援力量和专家赶赴现场，参与、指导现场应急处置工作', unit: 'hq', clause: '6.2.2(3)' },
      { id: 'r4-report-city', text: '按规定向市疫苗质量安全事件应急指挥部报告事故情况和应急处置情况，必要时请求市人民政府派出工作组指导、协助事故应急处置工作', unit: 'hq', clause: '6.2.2(4)' },
    ],
  },
  {
    id: 'field-groups',
    state: 'responding',
    title: '现场工作组',
    clause: '2.3',
    items: [
      { id: 'g-investigation', text: '事件调查组：调查发生原因，对问题产品抽样检验，做出调查结论，提出处置和防范意见', unit: 'amr', group: 'investigation', clause: '2.3' },
      { id: 'g-hazard-control', text: '危害控制组：对问题产品采取暂停使用、查封扣押、责令召回和销毁等行政控制措施，防止危害蔓延扩大', unit: 'amr', group: 'hazard-control', clause: '2.3' },
      { id: 'g-medical', text: '医疗救治组：实施疫苗接种者的医疗救治、样本采集、病原检测以及健康教育，组织县级应急医药储备调拨，及时做好疫苗补种', unit: 'health', group: 'medical', clause: '2.3' },
      { id: 'g-support', text: '应急保障组：提供应急救援资金，协调调运应急救援设施，安置受影响人群，保障应急设备、物资和通信指挥畅通', unit: 'emergency', group: 'support', clause: '2.3' },
      { id: 'g-publicity', text: '宣传报道组：根据县指挥部发布的信息，组织协调新闻媒体做好新闻报道工作，正确引导舆论（涉外、涉台时包括县委统战部）', unit: 'propaganda', group: 'publicity', clause: '2.3' },
      { id: 'information-release', text: '信息发布坚持实事求是、及时准确、客观全面、科学公正；未经授权，其他单位及个人无权发布疫苗安全事件信息', unit: 'hq', clause: '6.3' },
    ],
  },
  {
    id: 'termination',
    state: 'terminated',
    title: '响应终止',
    clause: '6.4',
    items: [
      { id: 'report-termination-city', text: '向市市场监督管理局作出响应终止的报告', unit: 'hq', clause: '6.4' },
      { id: 'urge-summary', text: '督促各工作组、有关部门和乡（镇）人民政府及时进行总结评估，在规定时限内形成结案报告', unit: 'office', clause: '6.4' },
    ],
  },
  {
    id: 'aftermath',
    state: 'aftermath',
    title: '后期处置与善后',
    clause: '7、8',
    items: [
      { id: 'investigation-assessment', text: '对事件做出调查评估：基本情况，起因、性质、影响、后果，应急处置基本情况和措施，调用的队伍、资源，经验教训，有关意见建议和改进的措施', unit: 'hq', clause: '7.1' },
      { id: 'work-summary', text: '对应急处置工作进行总结并上报', unit: 'hq', clause: '7.2' },
      { id: 'rehabilitation-opinion', text: '提出善后处理意见并报县人民政府，指导并协调事发地人民政府做好善后处置工作', unit: 'hq', clause: '8' },
      { id: 'relief', text: '对基本生活陷入困境的涉事人员临时救助、死亡人员的殡葬服务，指导事发地人民政府做好善后', unit: 'civil', clause: '2.2.3' },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// The plan

const QUALITY = { when: { fact: 'suspectedQualityRelated', equals: true }, text: '疑似与质量相关' } as const;

/** 5.1: 涉及外宾、华侨、港澳同胞的事件 — a fact of the incident (the plan's own words), shared with the drug plan. */
export const FOREIGNERS_FACT = { name: 'involvesForeigners', kind: 'boolean', label: '涉及外宾、华侨、港澳同胞', labelEn: 'involves foreign guests, overseas Chinese or compatriots from Hong Kong and Macao', clause: '5.1' } as const;
export const FOREIGNERS_WARNING = {
  id: 'notify-united-front',
  clause: '5.1',
  text: '涉及外宾、华侨、港澳同胞：县指挥部办公室应及时向县委统战部等部门通报',
  textEn: 'involves foreign guests, overseas Chinese or compatriots from Hong Kong and Macao: the HQ office must notify the United Front Work Department (5.1)',
  when: { fact: 'involvesForeigners', equals: true },
  unlessDone: 'notify-united-front',
} as const;
export const FOREIGNERS_TAG = { id: 'foreigners', text: '涉外', textEn: 'foreigners', when: { fact: 'involvesForeigners', equals: true } } as const;
/** 5.3 says the written report follows a phone one ("随后") without a limit: one hour is the county's decision (县定). */
/**
 * Whom the duty room calls, and when (6.2.1, 6.2.2, 6.4): a response at I–III (started, or raised to it, 6.2 提升响应级别)
 * is reported at once to 市市场监督管理局 and 县人民政府 and notified to every member unit; at IV the member units are
 * notified and 市疫苗质量安全事件应急指挥部 is reported to; the end of a response is reported to 市市场监督管理局.
 */
export const VACCINE_NOTIFICATIONS: NonNullable<PlanInput['notifications']> = [
  { id: 'notify-members-iv', on: 'response-started', levels: ['IV'], unitKinds: ['member'], label: '立即向县指挥部成员单位通报情况', clause: '6.2.2(2)' },
  { id: 'report-up-i-iii', on: 'response-started', levels: ['I', 'II', 'III'], units: ['city-amr', 'county-gov'], label: '立即向市市场监督管理局和县人民政府报告', clause: '6.2.1' },
  { id: 'notify-members-i-iii', on: 'response-started', levels: ['I', 'II', 'III'], unitKinds: ['member'], label: '立即向县指挥部成员单位通报情况', clause: '6.2.1(2)' },
  { id: 'report-city-hq-iv', on: 'response-started', levels: ['IV'], units: ['city-hq'], label: '按规定向市疫苗质量安全事件应急指挥部报告事故情况和应急处置情况', clause: '6.2.2(4)' },
  { id: 'report-up-raised', on: 'level-changed', levels: ['I', 'II', 'III'], units: ['city-amr', 'county-gov'], label: '响应提升至I–III级：立即向市市场监督管理局和县人民政府报告', clause: '6.2、6.2.1' },
  { id: 'report-terminated', on: 'response-terminated', units: ['city-amr'], label: '应急响应终止，向市市场监督管理局作出报告', clause: '6.4' },
];

/** 签发: a written report to the county government and the city goes out signed off by the duty leader (县定). */
export const REPORT_SIGN_OFF = { text: '书面报告须经带班领导签发后报出（县定）', clause: '县定' } as const;
export const WRITTEN_FOLLOW_UP = { after: { hours: 1 }, text: '电话报告后1小时内补报书面报告（县定）', clause: '5.3' } as const;
/** The clauses of 疫苗预案 the engine cites for its common rules (also used by the drug plan, issued with it). */
export const VACCINE_RULE_CLAUSES = { levelBelowFacts: '6.2', writtenAfterPhone: '5.3', corrections: '5.1', confidential: '5.1' } as const;

export const vaccinePlanData: PlanInput = {
  id: 'vaccine',
  version: '2024.1',
  effectiveFrom: '2024-06-15',
  basis: [
    {
      document: '《交城县疫苗质量安全事件应急预案》',
      number: '交政办发〔2024〕14号',
      issuedBy: '交城县人民政府办公室',
      articles: ['4.1–4.4（分级）', '5.1–5.4（报告与评估）', '6.2–6.4（响应）', '7、8（后期处置）'],
      effectiveFrom: '2024-06-15',
      role: '分级、报告、响应',
    },
  ],
  presentation: { screen: 'incident', shortName: '疫苗质量安全事件', shortNameEn: 'Vaccine quality safety incident', intake: true, english: false },
  title: '交城县疫苗质量安全事件应急预案',
  titleEn: 'Jiaocheng County vaccine quality safety incident plan',
  source: {
    document: '交城县人民政府办公室关于印发交城县疫苗质量安全事件应急预案和交城县药品安全突发事件应急预案的通知',
    issuedBy: '交城县人民政府办公室',
    number: '交政办发〔2024〕14号',
    date: '2024-06-15',
    lines: 'seeds/000_bbaae34271a4a84b.txt 1558–1907',
    verified: 'verbatim',
    note: '分级标准 4.1–4.4 原文；4.3(2)“超过2人”结合 II 级“超过3人、不多于5人”与 I 级“超过5人”，取 3 人（决定）；4.4(1)“超过1人”取 2 人（同理）。',
  },
  countingRule: { text: '本预案数字表述的“以上”含本数，“以下”不含本数', clause: '10.3' },
  facts: [
    { name: 'deathsSameBatch', kind: 'count', label: '同一批号疫苗短期内引起死亡人数', labelEn: 'deaths from the same batch in a short time', clause: '4.1(1)', unit: '例', step: { zh: '再有{n}人死亡', en: '{n} more death(s)' } },
    { name: 'clusteredRareAE', kind: 'count', label: '相对集中时间和区域内，同一疫苗引起临床表现相似的罕见或非预期的不良事件人数', labelEn: 'clustered rare or unexpected adverse events', clause: '4.1(2)', unit: '人', step: { zh: '再有{n}人出现罕见或非预期的不良事件', en: '{n} more clustered rare/unexpected AE' } },
    { name: 'clusteredSeriousAE', kind: 'count', label: '其中特别严重不良事件人数（可能永久性伤残、永久性器官损伤或危及生命）', labelEn: 'clustered especially serious adverse events', clause: '4.1(2)', unit: '人', step: { zh: '再有{n}人出现特别严重不良事件', en: '{n} more especially serious AE' } },
    { name: 'suspectedQualityRelated', kind: 'boolean', label: '疑似与质量相关', labelEn: 'suspected to be quality-related', clause: '4.1(1)' },
    {
      name: 'qualitative',
      kind: 'enum',
      label: '其他情形（定性判断）',
      labelEn: 'other (qualitative judgement)',
      clause: '4.1(3)',
      values: [
        { value: 'none', label: '无', labelEn: 'none' },
        { value: 'general', label: '其他一般疫苗质量安全事件', labelEn: 'other general incident' },
        { value: 'larger', label: '其他危害较大且引发社会影响局限于某一省份的疫苗质量安全事件', labelEn: 'larger harm, impact within one province' },
        { value: 'serious', label: '其他危害严重且引发社会影响的疫苗质量安全突发事件', labelEn: 'serious harm with social impact' },
        { value: 'especially-serious', label: '其他危害特别严重且引发社会影响的疫苗质量安全突发事件', labelEn: 'especially serious harm with social impact' },
      ],
      default: 'none',
      requiresReason: { fact: 'qualitativeReason', except: ['none'], clause: '4.1(3)' },
    },
    { name: 'qualitativeReason', kind: 'text', label: '定性判断的理由', labelEn: 'reason for the qualitative judgement', clause: '4.1(3)', maxLength: 2000 },
    FOREIGNERS_FACT,
  ],
  levels: [
    { id: 'I', name: '特别重大', nameEn: 'especially major', colour: '#c62828', colourName: '红', clause: '4' },
    { id: 'II', name: '重大', nameEn: 'major', colour: '#ef6c00', colourName: '橙', clause: '4' },
    { id: 'III', name: '较大', nameEn: 'larger', colour: '#f9a825', colourName: '黄', clause: '4' },
    { id: 'IV', name: '一般', nameEn: 'general', colour: '#1565c0', colourName: '蓝', clause: '4' },
  ],
  criteria: [
    // 4.1 特别重大（I级）
    { id: 'I-deaths', level: 'I', clause: '4.1(1)', fact: 'deathsSameBatch', range: { gte: 5 }, requires: QUALITY, text: '同一批号疫苗短期内引起5例以上患者死亡，疑似与质量相关' },
    { id: 'I-rare', level: 'I', clause: '4.1(2)', fact: 'clusteredRareAE', range: { gt: 20 }, requires: QUALITY, text: '同一疫苗引起临床表现相似的罕见或非预期的不良事件人数超过20人，疑似与质量相关' },
    { id: 'I-serious', level: 'I', clause: '4.1(2)', fact: 'clusteredSeriousAE', range: { gt: 5 }, requires: QUALITY, text: '引起特别严重不良事件超过5人，疑似与质量相关' },
    { id: 'I-other', level: 'I', clause: '4.1(3)', fact: 'qualitative', equals: 'especially-serious', text: '其他危害特别严重且引发社会影响的疫苗质量安全突发事件' },
    // 4.2 重大（II级）
    { id: 'II-deaths', level: 'II', clause: '4.2(1)', fact: 'deathsSameBatch', range: { gte: 2, lt: 5 }, requires: QUALITY, text: '同一批号疫苗短期内引起2例以上、5例以下患者死亡，疑似与质量相关' },
    { id: 'II-rare', level: 'II', clause: '4.2(2)', fact: 'clusteredRareAE', range: { gt: 10, lte: 20 }, requires: QUALITY, text: '罕见或非预期的不良事件人数超过10人、不多于20人，疑似与质量相关' },
    { id: 'II-serious', level: 'II', clause: '4.2(2)', fact: 'clusteredSeriousAE', range: { gt: 3, lte: 5 }, requires: QUALITY, text: '引起特别严重不良事件超过3人、不多于5人，疑似与质量相关' },
    { id: 'II-other', level: 'II', clause: '4.2(3)', fact: 'qualitative', equals: 'serious', text: '其他危害严重且引发社会影响的疫苗质量安全突发事件' },
    // 4.3 较大（III级）
    { id: 'III-deaths', level: 'III', clause: '4.3(1)', fact: 'deathsSameBatch', range: { gte: 1, lte: 1 }, requires: QUALITY, text: '同一批号疫苗引起1例患者死亡，疑似与质量相关' },
    { id: 'III-rare', level: 'III', clause: '4.3(2)', fact: 'clusteredRareAE', range: { gt: 5, lte: 10 }, requires: QUALITY, text: '罕见或非预期的不良事件人数超过5人，不多于10人，疑似与质量相关' },
    // 决定：“超过2人”在 II 级（4–5人）之下，即 3 人
    { id: 'III-serious', level: 'III', clause: '4.3(2)', fact: 'clusteredSeriousAE', range: { gt: 2, lte: 3 }, requires: QUALITY, text: '引起特别严重不良事件超过2人（即3人），疑似与质量相关' },
    { id: 'III-other', level: 'III', clause: '4.3(3)', fact: 'qualitative', equals: 'larger', text: '其他危害较大且引发社会影响局限于某一省份的疫苗质量安全事件' },
    // 4.4 一般（IV级）
    { id: 'IV-rare', level: 'IV', clause: '4.4(1)', fact: 'clusteredRareAE', range: { gt: 3, lte: 5 }, requires: QUALITY, text: '罕见或非预期的不良事件人数超过3人，不多于5人，疑似与质量相关' },
    // 决定：“超过1人”在 III 级（3人）之下，即 2 人
    { id: 'IV-serious', level: 'IV', clause: '4.4(1)', fact: 'clusteredSeriousAE', range: { gt: 1, lte: 2 }, requires: QUALITY, text: '引起特别严重不良事件超过1人（即2人），疑似与质量相关' },
    { id: 'IV-other', level: 'IV', clause: '4.4(2)', fact: 'qualitative', equals: 'general', text: '其他一般疫苗质量安全事件' },
  ],
  notGradedText: '所报事实未达到疫苗质量安全事件分级标准（4.1–4.4）',
  flags: [
    { id: 'report-city-at-once', clause: '6.2.1', text: 'I、II、III级：县指挥部立即向市市场监督管理局和县人民政府报告', when: { level: { gte: 'III' } } },
    { id: 'county-gov-leads', clause: '6.2.2', text: 'IV级应急响应由县政府组织实施', when: { level: { in: ['IV'] } } },
  ],
  warnings: [FOREIGNERS_WARNING],
  notifications: VACCINE_NOTIFICATIONS,
  tags: [FOREIGNERS_TAG],
  ruleClauses: VACCINE_RULE_CLAUSES,
  writtenFollowUp: WRITTEN_FOLLOW_UP,
  reportSignOff: REPORT_SIGN_OFF,
  units: vaccineUnits,
  command: vaccineCommand,
  states: vaccineStates,
  transitions: vaccineTransitions,
  reportChannels: vaccineChannels,
  obligations: vaccineObligations,
  checklists: vaccineChecklists,
};

export const vaccinePlan = loadPlan(vaccinePlanData);
