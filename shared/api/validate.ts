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

/**
 * Parse `input` with `schema`; on failure throw an AppError naming the first offending field and the rule,
 * in Chinese and English. Used by the core for every command and by the CLI for files it reads.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  let path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && 'keys' in issue && Array.isArray(issue.keys)) {
    path = [path, ...issue.keys].filter(Boolean).join('.');
  }
  const field = path || what;
  const zh = ISSUE_ZH[issue.code] ?? '不符合规则';
  throw new AppError({
    code: 'invalid-input',
    message: `字段 ${field}：${zh}（${issue.message}）`,
    messageEn: `field ${field}: ${issue.message}`,
    field,
    rule: issue.code,
  });
}
