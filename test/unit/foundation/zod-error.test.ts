// The one zod → error mapping (shared/base/zodError.ts): a size limit is said in its own terms, in Chinese, naming the
// field, on both sides of the limit; other rules keep their general reading.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { zodError } from '../../../shared/base/zodError';

const fail = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) return null;
  return zodError(r.error, 'input').body;
};

describe('zodError', () => {
  it('a string too short or too long: 至少 / 最多 N 个字符, both sides of the limit', () => {
    const pw = z.object({ password: z.string().min(8).max(12) });
    expect(fail(pw, { password: '1234567' })).toMatchObject({ field: 'password', rule: 'too_small', message: expect.stringMatching(/^字段 password：至少 8 个字符（/) });
    expect(fail(pw, { password: '12345678' })).toBeNull();
    expect(fail(pw, { password: '123456789012' })).toBeNull();
    expect(fail(pw, { password: '1234567890123' })?.message).toMatch(/^字段 password：最多 12 个字符（/);
  });
  it('numbers and lists in their own words; other rules as before', () => {
    expect(fail(z.object({ n: z.number().min(0) }), { n: -1 })?.message).toMatch(/^字段 n：不能小于 0（/);
    expect(fail(z.object({ n: z.number().gt(0) }), { n: 0 })?.message).toMatch(/^字段 n：须大于 0（/);
    expect(fail(z.object({ xs: z.array(z.string()).min(1) }), { xs: [] })?.message).toMatch(/^字段 xs：至少 1 项（/);
    expect(fail(z.object({ n: z.number() }), { n: 'x' })?.message).toMatch(/^字段 n：类型不正确（/);
  });
});
