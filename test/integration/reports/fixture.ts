/** A real SQLite file with a vaccine incident that has been reported (HQ received it) — for reports tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../../electron/core/clock';
import { createCore, type Core } from '../../../electron/core/core';
import { logFor } from '../../../electron/core/log';

export const RECEIVED_AT = '2026-11-23T19:00:00.000Z'; // 03:00 Beijing time

export const FIRST_FIELDS: Record<string, string> = {
  eventName: '某乡镇卫生院接种点疑似疫苗群体不良反应事件',
  eventNature: '疑似群体不良反应事件',
  manufacturer: '某生物制品有限公司',
  productSpec: '0.5ml/支',
  packagingAndBatch: '西林瓶，批号 202605A12',
  occurredTime: '2026年11月23日下午',
  place: '某乡镇卫生院预防接种门诊',
  informationSource: '县疾控中心电话报告',
  scopeAndNumbers: '接种同批次疫苗的儿童中4人出现相似症状',
  victims: '4名3至6岁儿童，均已送县人民医院',
  symptoms: '高热、皮疹、呼吸急促',
  possibleCause: '疑似与疫苗质量相关，待调查',
  measuresTaken: '已暂停该批号疫苗使用并封存，组织医疗救治',
  trendAndHarm: '暂未发现新增病例，需持续观察',
  responseProposal: '建议启动IV级应急响应',
  helpNeeded: '请求市局协调应急抽检',
  reportingUnit: '县指挥部办公室',
  contact: '张某某 0358-1234567',
  other: '否',
};

export interface Fixture {
  dir: string;
  dbPath: string;
  clock: ManualClock;
  core: Core;
  incidentId: string;
  cleanup(): void;
}

/** Open a vaccine incident and log HQ's receipt of the report (疫苗预案 5.1) at RECEIVED_AT. */
export function reportedIncident(opts: { involvesForeigners?: boolean; now?: string } = {}): Fixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-reports-'));
  const dbPath = path.join(dir, 'duty.sqlite');
  const clock = new ManualClock(new Date(opts.now ?? '2026-11-23T19:20:00.000Z'));
  const core = createCore({ dbPath, clock });
  const log = logFor(core.services.db, clock);
  const opened = log.openIncident({ planId: 'vaccine', title: '接种点疑似群体不良反应', occurredAt: RECEIVED_AT }, 'duty-officer');
  log.append(
    {
      incidentId: opened.incidentId,
      type: 'reported',
      payload: { source: '县疾控中心电话', summary: '4名儿童接种后高热皮疹', facts: { clusteredRareAE: 4, suspectedQualityRelated: true }, ...(opts.involvesForeigners ? { involvesForeigners: true } : {}) },
      occurredAt: RECEIVED_AT,
    },
    'duty-officer',
  );
  return {
    dir,
    dbPath,
    clock,
    core,
    incidentId: opened.incidentId,
    cleanup() {
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
