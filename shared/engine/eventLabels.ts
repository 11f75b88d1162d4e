import type { EventType } from './events';

/** Chinese names of the event types, for timelines (no zod here: the start screen names search hits with them). */
export const EVENT_LABELS: Record<EventType, string> = {
  'warning-issued': '发布预警',
  reported: '接报',
  'facts-updated': '更新事实',
  assessed: '事件评估',
  'response-started': '启动应急响应',
  'level-changed': '调整响应级别',
  'expert-evaluation-recorded': '专家评估论证',
  'termination-proposed': '提出终止建议',
  'response-terminated': '应急响应终止',
  'aftermath-started': '后期处置',
  'report-filed': '报送报告',
  'checklist-item-done': '完成处置事项',
  note: '备注',
  correction: '更正',
  dismissed: '不予认定',
  closed: '结案',
  transition: '阶段变更',
};
