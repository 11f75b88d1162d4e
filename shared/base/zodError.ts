/**
 * The one mapping from a zod failure to the console's error shape: the first issue's field (a dotted path; for an
 * unknown key, the key itself), its rule (zod's issue code), a Chinese reading of the rule and zod's own words. Used by
 * the command contract, the plan loader and the report forms, so every "bad input" names its field the same way.
 */
import type { z } from 'zod';
import { AppError } from './errors';

const ISSUE_ZH: Record<string, string> = {
  invalid_type: '类型不正确',
  too_small: '小于允许的最小值',
  too_big: '大于允许的最大值',
  unrecognized_keys: '不是已知的字段',
  invalid_value: '不是允许的取值',
  invalid_format: '格式不正确',
  not_multiple_of: '必须是整数倍',
  custom: '不符合规则',
};

/** `what` names the whole input when the issue has no path; `prefix` is put before the message (e.g. 预案数据有误：). */
export function zodError(error: z.ZodError, what: string, prefix: { zh: string; en: string } = { zh: '', en: '' }): AppError {
  const issue = error.issues[0]!;
  let path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && 'keys' in issue && Array.isArray(issue.keys)) path = [path, ...issue.keys].filter(Boolean).join('.');
  const field = path || what;
  const zh = ISSUE_ZH[issue.code] ?? '不符合规则';
  return new AppError({
    code: 'invalid-input',
    message: `${prefix.zh}字段 ${field}：${zh}（${issue.message}）`,
    messageEn: `${prefix.en}field ${field}: ${issue.message}`,
    field,
    rule: issue.code,
  });
}
