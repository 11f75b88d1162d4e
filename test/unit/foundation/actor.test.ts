import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { actorLabel, actorPerson, ROLES } from '../../../shared/api/actor';

// actorPerson reads a record's actor without zod (the window's first script does not load it): it must accept and
// refuse exactly what the record's schema does.
const recordActor = z.object({ id: z.number().int(), name: z.string(), roles: z.array(z.enum(ROLES)) });

const cases: unknown[] = [
  { id: 3, name: '王值班', roles: ['duty-officer'] },
  { id: 7, name: '李带班', roles: ['duty-officer', 'duty-leader'], extra: 'dropped' },
  { id: 0, name: '', roles: [] },
  { id: 1.5, name: '半', roles: [] },
  { id: '3', name: '字符串', roles: [] },
  { id: 3, name: 5, roles: [] },
  { id: 3, name: '无角色字段' },
  { id: 3, name: '错角色', roles: ['chief'] },
  { id: 3, name: '角色非数组', roles: 'duty-officer' },
  { name: '无编号', roles: [] },
  [1, 2],
  null,
  42,
  'text',
];

describe('actorPerson', () => {
  it.each(cases.map((c) => [JSON.stringify(c), c]))('reads %s as the record schema does', (_, c) => {
    const r = recordActor.safeParse(c);
    expect(actorPerson(JSON.stringify(c))).toEqual(r.success ? r.data : null);
  });

  it('is null for the older plain strings and for JSON that does not parse', () => {
    expect(actorPerson('cli:admin')).toBeNull();
    expect(actorPerson('{not json')).toBeNull();
  });

  it('labels a person with their roles, and keeps a plain string', () => {
    const a = JSON.stringify({ id: 7, name: '李带班', roles: ['duty-officer', 'duty-leader'] });
    expect(actorLabel(a)).toBe('李带班（值班员、带班领导）');
    expect(actorLabel(a, 'en')).toBe('李带班 (duty officer, duty leader)');
    expect(actorLabel('cli:admin')).toBe('cli:admin');
  });
});
