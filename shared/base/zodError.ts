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

/** A size limit in the rule's own terms: 至少 8 个字符, 最多 500 项, 不能小于 0 (else the code's general reading). */
function sizeZh(issue: z.core.$ZodIssue): string | null {
  if (issue.code !== 'too_small' && issue.code !== 'too_big') return null;
  const small = issue.code === 'too_small';
  const n = Number(small ? (issue as { minimum?: unknown }).minimum : (issue as { maximum?: unknown }).maximum);
  if (!Number.isFinite(n)) return null;
  const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
  const origin = (issue as { origin?: string }).origin;
  if (origin === 'string') return small ? `至少 ${inclusive ? n : n + 1} 个字符` : `最多 ${inclusive ? n : n - 1} 个字符`;
  if (origin === 'array' || origin === 'set') return small ? `至少 ${inclusive ? n : n + 1} 项` : `最多 ${inclusive ? n : n - 1} 项`;
  if (origin === 'number' || origin === 'int' || origin === 'bigint') return small ? `${inclusive ? '不能小于' : '须大于'} ${n}` : `${inclusive ? '不能大于' : '须小于'} ${n}`;
  return null;
}

/** `what` names the whole input when the issue has no path; `prefix` is put before the message (e.g. 预案数据有误：). */
export function zodError(error: z.ZodError, what: string, prefix: { zh: string; en: string } = { zh: '', en: '' }): AppError {
  const issue = error.issues[0]!;
  let path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && 'keys' in issue && Array.isArray(issue.keys)) path = [path, ...issue.keys].filter(Boolean).join('.');
  const field = path || what;
  const zh = sizeZh(issue) ?? ISSUE_ZH[issue.code] ?? '不符合规则';
  return new AppError({
    code: 'invalid-input',
    message: `${prefix.zh}字段 ${field}：${zh}（${issue.message}）`,
    messageEn: `${prefix.en}field ${field}: ${issue.message}`,
    field,
    rule: issue.code,
  });
}
