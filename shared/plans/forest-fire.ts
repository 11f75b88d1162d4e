/**
 * Forest fire plan, version 2024.1: the rules in force until 2025-12-31, kept for fires that occurred before 2026
 * (《森林防火条例》 was repealed on 2026-01-01 by 《森林草原防灭火条例》第六十三条; the newer version is fire-2026.ts).
 *  - Grading: 《森林防火条例》（国务院令第541号，2008年修订）第四十条 (docs/rules/fire-2008.md). "以上"包括本数，"以下"不包括本数.
 *  - Must-report-up fires: 同条例第三十二条 (1)–(8) (docs/rules/fire-2008.md), with the 24-hour rule also as a timer from the fire's start.
 *  - Life cycle: the county's procedure (县定, docs/rules/fire-county-2024.md), from 交政发〔2024〕7号.
 *  - Teams: 交政发〔2024〕7号 6(5), as checklists (and validated by shared/fire/teams).
 * Plain JSON-compatible data: an office may correct a number in an edited copy without a code change.
 */
import { loadPlan } from '../engine/plan';
import type { PlanInput } from '../engine/schema';

const LAW = '《森林防火条例》';
/** The states of a fire in progress (after the report, before it is closed). */
const LIVE: string[] = ['reported', 'firstAttack', 'reinforced', 'controlled', 'extinguished', 'guarded', 'withdrawn'];

export const forestFirePlanData = {
  id: 'forest-fire',
  version: '2024.1',
  effectiveFrom: '2009-01-01',
  effectiveUntil: '2025-12-31',
  basis: [
    {
      document: '《森林防火条例》',
      number: '国务院令第541号',
      issuedBy: '国务院',
      articles: ['第三十一条', '第三十二条', '第三十三条', '第四十条'],
      effectiveFrom: '2009-01-01',
      role: '分级、上报（2026-01-01废止）',
    },
    {
      document: '《交城县全面加强新形势下森林防灭火工作的实施意见》',
      number: '交政发〔2024〕7号',
      issuedBy: '交城县人民政府',
      articles: ['4(2)', '6(5)', '6(8)'],
      effectiveFrom: '2024-05-17',
      role: '处置流程、队伍梯队',
    },
  ],
  presentation: {
    screen: 'fire',
    shortName: '森林火灾（2025年及以前）',
    shortNameEn: 'Forest fire (before 2026)',
    intake: true,
    reportUpSay: {
      text: '立即逐级报告至省级和国家森林防火指挥机构',
      textEn: 'report up level by level to the provincial and national forest fire HQs at once',
      clause: '第三十一条、第三十二条',
    },
    english: true,
  },
  title: '交城县森林火灾处置（森林防火条例 + 交政发〔2024〕7号）',
  titleEn: 'Forest fire response (Forest Fire Prevention Regulations + Jiaocheng county opinions 2024 No. 7)',
  source: {
    document: `${LAW}第三十二条、第四十条；交城县人民政府《交城县全面加强新形势下森林防灭火工作的实施意见》`,
    issuedBy: '国务院（条例）；交城县人民政府（实施意见）',
    number: '国务院令第541号；交政发〔2024〕7号',
    date: '2008-12-01；2024-05-17',
    lines: 'seed 000_bbaae34271a4a84b.txt 139–228',
    note: '第四十条分级原文；第三十二条八项按条文顺序；处置阶段为县定流程（docs/rules/fire-2008.md、fire-county-2024.md）。',
    verified: 'verbatim',
  },
  countingRule: { text: '"以上"包括本数，"以下"不包括本数', clause: '第四十条第二款' },
  facts: [
    { name: 'burnedForestHa', kind: 'number', label: '受害森林面积', labelEn: 'burned forest area', unit: '公顷', clause: '第四十条', step: { zh: '受害森林面积再增加{n}公顷', en: '{n} more ha burned' } },
    { name: 'otherForestLandFire', kind: 'boolean', label: '其他林地起火', labelEn: 'fire on other forest land', clause: '第四十条(一)' },
    { name: 'deaths', kind: 'count', label: '死亡人数', labelEn: 'deaths', unit: '人', clause: '第四十条', step: { zh: '再有{n}人死亡', en: '{n} more death(s)' } },
    { name: 'seriousInjuries', kind: 'count', label: '重伤人数', labelEn: 'serious injuries', unit: '人', clause: '第四十条', step: { zh: '再有{n}人重伤', en: '{n} more serious injury(ies)' } },
    { name: 'burningHours', kind: 'number', label: '起火后已燃烧小时数（明火尚未扑灭）', labelEn: 'hours burning since the fire started', unit: '小时', clause: '第三十二条(五)' },
    { name: 'nearNationalBorder', kind: 'boolean', label: '国界附近的森林火灾', labelEn: 'near a national border', clause: '第三十二条(一)' },
    { name: 'threatensResidentialOrKeyFacilities', kind: 'boolean', label: '威胁居民区或者重要设施', labelEn: 'threatens residential areas or important facilities', clause: '第三十二条(四)' },
    { name: 'virginForest', kind: 'boolean', label: '未开发原始林区的森林火灾', labelEn: 'in undeveloped virgin forest', clause: '第三十二条(六)' },
    { name: 'provincialBorderDangerous', kind: 'boolean', label: '省、自治区、直辖市交界地区危险性大的森林火灾', labelEn: 'dangerous fire on a provincial border', clause: '第三十二条(七)' },
    { name: 'needsStateSupport', kind: 'boolean', label: '需要国家支援扑救的森林火灾', labelEn: 'needs support from the state', clause: '第三十二条(八)' },
  ],
  levels: [
    { id: 'I', name: '特别重大森林火灾', nameEn: 'especially major forest fire', colour: '#d32f2f', colourName: '红', clause: '第四十条(四)' },
    { id: 'II', name: '重大森林火灾', nameEn: 'major forest fire', colour: '#f57c00', colourName: '橙', clause: '第四十条(三)' },
    { id: 'III', name: '较大森林火灾', nameEn: 'large forest fire', colour: '#fbc02d', colourName: '黄', clause: '第四十条(二)' },
    { id: 'IV', name: '一般森林火灾', nameEn: 'ordinary forest fire', colour: '#1976d2', colourName: '蓝', clause: '第四十条(一)' },
  ],
  // 第四十条: 按照受害森林面积和伤亡人数 … any one criterion sets the level.
  criteria: [
    { id: 'area-IV', level: 'IV', clause: '第四十条(一)', fact: 'burnedForestHa', range: { lt: 1 }, text: '受害森林面积在1公顷以下', textEn: 'burned forest area under 1 ha' },
    { id: 'otherLand-IV', level: 'IV', clause: '第四十条(一)', fact: 'otherForestLandFire', equals: true, text: '其他林地起火', textEn: 'fire on other forest land' },
    { id: 'deaths-IV', level: 'IV', clause: '第四十条(一)', fact: 'deaths', range: { gte: 1, lt: 3 }, text: '死亡1人以上3人以下', textEn: '1–2 deaths' },
    { id: 'injuries-IV', level: 'IV', clause: '第四十条(一)', fact: 'seriousInjuries', range: { gte: 1, lt: 10 }, text: '重伤1人以上10人以下', textEn: '1–9 serious injuries' },
    { id: 'area-III', level: 'III', clause: '第四十条(二)', fact: 'burnedForestHa', range: { gte: 1, lt: 100 }, text: '受害森林面积在1公顷以上100公顷以下', textEn: '1 to under 100 ha burned' },
    { id: 'deaths-III', level: 'III', clause: '第四十条(二)', fact: 'deaths', range: { gte: 3, lt: 10 }, text: '死亡3人以上10人以下', textEn: '3–9 deaths' },
    { id: 'injuries-III', level: 'III', clause: '第四十条(二)', fact: 'seriousInjuries', range: { gte: 10, lt: 50 }, text: '重伤10人以上50人以下', textEn: '10–49 serious injuries' },
    { id: 'area-II', level: 'II', clause: '第四十条(三)', fact: 'burnedForestHa', range: { gte: 100, lt: 1000 }, text: '受害森林面积在100公顷以上1000公顷以下', textEn: '100 to under 1000 ha burned' },
    { id: 'deaths-II', level: 'II', clause: '第四十条(三)', fact: 'deaths', range: { gte: 10, lt: 30 }, text: '死亡10人以上30人以下', textEn: '10–29 deaths' },
    { id: 'injuries-II', level: 'II', clause: '第四十条(三)', fact: 'seriousInjuries', range: { gte: 50, lt: 100 }, text: '重伤50人以上100人以下', textEn: '50–99 serious injuries' },
    { id: 'area-I', level: 'I', clause: '第四十条(四)', fact: 'burnedForestHa', range: { gte: 1000 }, text: '受害森林面积在1000公顷以上', textEn: '1000 ha or more burned' },
    { id: 'deaths-I', level: 'I', clause: '第四十条(四)', fact: 'deaths', range: { gte: 30 }, text: '死亡30人以上', textEn: '30 or more deaths' },
    { id: 'injuries-I', level: 'I', clause: '第四十条(四)', fact: 'seriousInjuries', range: { gte: 100 }, text: '重伤100人以上', textEn: '100 or more serious injuries' },
  ],
  minimumLevel: { level: 'IV', clause: '第四十条(一)', text: '任何森林火灾至少为一般森林火灾' },
  // 第三十二条: 发生下列森林火灾，省级森林防火指挥机构应当立即报告国家森林防火指挥机构 …; reports go level by level (第三十一条).
  flags: [
    { id: 'report32-1', reportUp: true, clause: '32(1)', text: '国界附近的森林火灾', textEn: 'near a national border', when: { fact: 'nearNationalBorder', equals: true } },
    { id: 'report32-2', reportUp: true, clause: '32(2)', text: '重大、特别重大森林火灾', textEn: 'major or especially major fire', when: { level: { gte: 'II' } } },
    {
      id: 'report32-3',
      reportUp: true,
      clause: '32(3)',
      text: '造成3人以上死亡或者10人以上重伤的森林火灾',
      textEn: '3 or more deaths or 10 or more serious injuries',
      when: { any: [{ fact: 'deaths', range: { gte: 3 } }, { fact: 'seriousInjuries', range: { gte: 10 } }] },
    },
    { id: 'report32-4', reportUp: true, clause: '32(4)', text: '威胁居民区或者重要设施的森林火灾', textEn: 'threatens residential areas or important facilities', when: { fact: 'threatensResidentialOrKeyFacilities', equals: true } },
    { id: 'report32-5', reportUp: true, clause: '32(5)', text: '24小时尚未扑灭明火的森林火灾', textEn: 'still burning 24 hours after it started', when: { fact: 'burningHours', range: { gte: 24 } } },
    { id: 'report32-6', reportUp: true, clause: '32(6)', text: '未开发原始林区的森林火灾', textEn: 'in undeveloped virgin forest', when: { fact: 'virginForest', equals: true } },
    { id: 'report32-7', reportUp: true, clause: '32(7)', text: '省、自治区、直辖市交界地区危险性大的森林火灾', textEn: 'dangerous fire on a provincial border', when: { fact: 'provincialBorderDangerous', equals: true } },
    { id: 'report32-8', reportUp: true, clause: '32(8)', text: '需要国家支援扑救的森林火灾', textEn: 'needs support from the state', when: { fact: 'needsStateSupport', equals: true } },
  ],
  units: [
    { id: 'hq', name: '县森林防灭火指挥部', kind: 'hq', clause: '3(3)', duties: ['统一组织、指挥森林火灾扑救', '批准计划用火'] },
    { id: 'office', name: '县森林防灭火指挥部办公室', kind: 'office', clause: '6(8)', duties: ['核实火情报告', '确认报告火情奖励'] },
    { id: 'emergency', name: '县应急管理局', kind: 'member', clause: '二(二)', duties: ['综合指导乡镇和相关部门森林火灾防控工作，牵头火灾预警监测和信息发布，组织指导协调火灾扑救工作'] },
    { id: 'forestry', name: '县林业局', kind: 'member', clause: '二(二)', duties: ['火灾预防、防火巡护、火源管理、日常检查、宣传教育、防火设施建设', '审批森林防火区内爆破等用火（3(2)）'] },
    { id: 'police', name: '县公安局', kind: 'member', clause: '二(二)', duties: ['火场警戒、交通疏导、治安维护、火案侦破，协同林业部门开展违规用火处罚'] },
    { id: 'weather', name: '县气象局', kind: 'member', duties: ['森林火险等级预报'] },
    { id: 'media', name: '县融媒体中心', kind: 'member', clause: '6(2)', duties: ['滚动播放森林防火标语'] },
    { id: 'township', name: '乡镇人民政府', kind: 'government', clause: '3(2)', duties: ['属地扑救和上报', '审批高火险期进入森林高火险区和林区施工'] },
    { id: 'forestFarm', name: '辖区林场', kind: 'other', clause: '6(8)', duties: ['及时上报火情，配合乡镇审批野外用火'] },
    { id: 'countyTeam', name: '县森林消防专业队（100人）', kind: 'other', clause: '6(5)', duties: ['24小时待命，特险期分兵靠前驻防'] },
    { id: 'semiProTeam', name: '林区乡镇半专业灭火队（50—100人）', kind: 'other', clause: '6(5)', duties: ['乡镇整装训练，全县统一调用'] },
    { id: 'quickTeam', name: '乡镇快速反应应急队伍（不少于20人）', kind: 'other', clause: '6(5)', duties: ['全天候待命，发生火情后第一时间组织扑救'] },
    { id: 'villageTeam', name: '村群众灭火队伍（10—20人）', kind: 'other', clause: '6(5)', duties: ['第四梯队，保障后勤和运送物资'] },
    { id: 'enterpriseTeams', name: '大型企业半专业灭火队伍（各100人）', kind: 'other', clause: '6(5)', duties: ['特险期开展专业培训和演练，作为后续补充力量备用'] },
    { id: 'cityHq', name: '吕梁市森林防灭火指挥部', kind: 'external', duties: ['接收县级上报'] },
  ],
  states: [
    { id: 'watch', label: '值守', labelEn: 'on watch', clause: '4(2)', kind: 'initial', description: '日常巡查巡护、火情监测' },
    { id: 'reported', label: '接报', labelEn: 'reported', clause: '6(8)', kind: 'normal', description: '火情地点、时间、来源、报告人' },
    { id: 'firstAttack', label: '首次扑救', labelEn: 'first attack', clause: '4(2)', kind: 'normal', description: '就近快速反应队伍第一时间扑救，打早、打小、打了' },
    { id: 'reinforced', label: '增援扑救', labelEn: 'reinforced', clause: '6(5)', kind: 'normal', description: '随火势增加梯队' },
    { id: 'controlled', label: '火势控制', labelEn: 'controlled', clause: '县定', kind: 'normal' },
    { id: 'extinguished', label: '明火扑灭', labelEn: 'extinguished', clause: '县定', kind: 'normal' },
    { id: 'guarded', label: '清理看守', labelEn: 'guarded', clause: '县定', kind: 'normal', description: '清理余火，看守火场，防止复燃' },
    { id: 'withdrawn', label: '撤离', labelEn: 'withdrawn', clause: '县定', kind: 'normal' },
    { id: 'closed', label: '结案', labelEn: 'closed', clause: '6(8)', kind: 'terminal', description: '原因调查、奖惩兑现' },
  ],
  transitions: [
    { id: 'receiveReport', event: 'reported', from: ['watch'], to: 'reported', label: '接报火情', clause: '6(8)' },
    { id: 'firstAttack', event: 'transition', from: ['reported'], to: 'firstAttack', label: '开始首次扑救', clause: '4(2)' },
    { id: 'reinforce', event: 'transition', from: ['firstAttack', 'reinforced'], to: 'reinforced', label: '增援（增加梯队）', clause: '6(5)' },
    { id: 'control', event: 'transition', from: ['firstAttack', 'reinforced'], to: 'controlled', label: '火势得到控制', clause: '县定' },
    { id: 'extinguish', event: 'transition', from: ['firstAttack', 'reinforced', 'controlled'], to: 'extinguished', label: '明火扑灭', clause: '县定' },
    { id: 'rekindle', event: 'transition', from: ['extinguished', 'guarded'], to: 'reinforced', label: '复燃，重新扑救', clause: '县定' },
    { id: 'guard', event: 'transition', from: ['extinguished'], to: 'guarded', label: '清理看守火场', clause: '县定' },
    { id: 'withdraw', event: 'transition', from: ['guarded'], to: 'withdrawn', label: '扑火队伍撤离', clause: '县定' },
    {
      id: 'close',
      event: 'closed',
      from: ['withdrawn'],
      to: 'closed',
      label: '结案（原因调查、奖惩）',
      clause: '6(8)',
      triggeredBy: ['hq', 'office'],
      guards: [{ guard: 'open-items-need-reason', clause: '县定', text: '尚有处置事项未完成，结案须写明理由', textEn: 'checklist items are still open: closing needs a written reason' }],
    },
    { id: 'dismiss', event: 'dismissed', from: ['reported'], to: 'closed', label: '核实不是森林火情', clause: '6(8)', triggeredBy: ['hq', 'office'] },
    { id: 'updateFacts', event: 'facts-updated', from: [...LIVE], label: '更新火场事实（重新定级）', clause: '县定' },
    { id: 'fileReport', event: 'report-filed', from: [...LIVE], label: '报送', clause: '6(8)' },
    { id: 'checkItem', event: 'checklist-item-done', from: [...LIVE], label: '完成处置事项', clause: '6(5)' },
    { id: 'note', event: 'note', from: ['watch', ...LIVE, 'closed'], label: '备注', clause: '县定' },
    { id: 'correct', event: 'correction', from: [...LIVE, 'closed'], label: '更正', clause: '县定' },
  ],
  reportChannels: [
    { id: 'phone', label: '电话', written: false },
    { id: 'fax', label: '传真' },
    { id: 'system', label: '信息系统' },
  ],
  obligations: [
    {
      id: 'firstReport',
      kind: 'first',
      label: '火情首报（立即，不瞒报不迟报）',
      clause: '6(8)',
      startsWith: 'reported',
      recipients: ['hq', 'cityHq'],
      requiredFields: [
        { id: 'place', label: '起火地点' },
        { id: 'startedAt', label: '起火时间' },
        { id: 'area', label: '火场面积和火势' },
        { id: 'casualties', label: '人员伤亡' },
        { id: 'response', label: '扑救力量和措施' },
      ],
    },
    {
      id: 'progressReport',
      kind: 'progress',
      label: '火情续报',
      clause: '6(8)',
      startsWith: 'reported',
      numbered: { prefix: '续报', clause: '县定' },
      recipients: ['hq', 'cityHq'],
      requiredFields: [{ id: 'progress', label: '扑救进展' }],
      repeatable: true,
    },
    {
      id: 'finalReport',
      kind: 'final',
      label: '结案报告（起火原因、肇事者、损失、奖惩）',
      clause: '6(8)',
      startsWith: 'closed',
      recipients: ['hq', 'cityHq'],
      requiredFields: [
        { id: 'cause', label: '起火原因' },
        { id: 'offender', label: '肇事者' },
        { id: 'losses', label: '受害森林面积、伤亡和损失' },
        { id: 'rewardsPenalties', label: '奖惩情况' },
      ],
    },
  ],
  timers: [
    {
      id: 'burning24h',
      clause: '32(5)',
      text: '起火24小时尚未扑灭明火：须立即逐级上报（第三十二条第五项）',
      textEn: 'still burning 24 hours after the fire started: report up at once (Art. 32(5))',
      anchor: { event: 'reported', payloadField: 'incidentStartedAt' },
      after: { hours: 24 },
      stopStates: ['extinguished', 'guarded', 'withdrawn', 'closed'],
      flag: true,
      reportUp: true,
    },
  ],
  checklists: [
    {
      id: 'firstAttackTeams',
      state: 'firstAttack',
      title: '首次扑救：就近力量（打早、打小、打了）',
      clause: '6(5)',
      items: [
        { id: 'quickTeam', text: '乡镇快速反应应急队伍（不少于20人）由分管领导带队第一时间扑救', unit: 'quickTeam', clause: '6(5)' },
        { id: 'villageTeam', text: '村群众灭火队伍（10—20人）作为第四梯队保障后勤、运送物资', unit: 'villageTeam', clause: '6(5)' },
        { id: 'police', text: '公安部门赶赴现场：火场警戒、交通疏导、火案侦破', unit: 'police', clause: '6(8)' },
        { id: 'reportUp', text: '立即向县森林防灭火指挥部报告火情，不瞒报不迟报', unit: 'township', clause: '6(8)' },
      ],
    },
    {
      id: 'reinforcedTeams',
      state: 'reinforced',
      title: '增援扑救：按梯队增加力量',
      clause: '6(5)',
      items: [
        { id: 'countyTeam', text: '调集县森林消防专业队（100人）', unit: 'countyTeam', clause: '6(5)' },
        { id: 'semiProTeam', text: '调集林区乡镇半专业灭火队（50—100人，全县统一调用）', unit: 'semiProTeam', clause: '6(5)' },
        { id: 'enterpriseTeams', text: '视情调用大型企业半专业灭火队伍（各100人）作为后续补充力量', unit: 'enterpriseTeams', clause: '6(5)' },
        { id: 'weather', text: '提供火场天气预报，视情开展人工增雨作业', unit: 'weather', clause: '6(6)' },
      ],
    },
    {
      id: 'guardedItems',
      state: 'guarded',
      title: '清理看守火场',
      clause: '县定',
      items: [{ id: 'mopUp', text: '清理余火、留足看守人员，防止复燃', unit: 'township' }],
    },
    {
      id: 'withdrawnItems',
      state: 'withdrawn',
      title: '撤离后：调查与奖惩',
      clause: '6(8)',
      items: [
        { id: 'investigate', text: '公安部门侦破火案，追究肇事者责任', unit: 'police', clause: '6(8)' },
        { id: 'rewards', text: '对第一时间发现并报告火情的人员，经乡镇及指挥部办公室确认，兑现100—500元奖励', unit: 'office', clause: '6(8)' },
      ],
    },
  ],
} satisfies PlanInput;

/** The loaded plan (schema and cross-references checked at import). */
export const forestFirePlan = loadPlan(forestFirePlanData);
