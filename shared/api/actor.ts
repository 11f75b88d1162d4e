/**
 * The duty room's roles and who did what (the actor every record keeps), apart from the people commands (./people.ts,
 * where the roles' zod schema is): the window's first screens name actors without loading the API contract or zod
 * (test/bench/startup.bench.ts).
 */
export const ROLES = ['duty-officer', 'duty-leader', 'office', 'admin', 'map-keeper'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  'duty-officer': { zh: '值班员', en: 'duty officer' },
  'duty-leader': { zh: '带班领导', en: 'duty leader' },
  office: { zh: '办公室', en: 'office' },
  admin: { zh: '管理员', en: 'administrator' },
  'map-keeper': { zh: '地图维护', en: 'map keeper' },
};

/** Who did it, as every log record keeps it (inside the hash chain): the person's id, name and roles at the time. */
export interface Actor {
  id: number;
  name: string;
  roles: Role[];
}

const isRole = (r: unknown): r is Role => (ROLES as readonly unknown[]).includes(r);

/** An Actor exactly: an integer id, a name, roles of ROLES (extra keys are dropped, as a zod object would). */
function asActor(v: unknown): Actor | null {
  if (typeof v !== 'object' || v === null) return null;
  const { id, name, roles } = v as Record<string, unknown>;
  if (!Number.isInteger(id) || typeof name !== 'string' || !Array.isArray(roles) || !roles.every(isRole)) return null;
  return { id: id as number, name, roles: [...roles] };
}

/**
 * The person an actor string names (a record written by a signed-in person: JSON of {id, name, roles}), or null for
 * the older plain strings and the CLI's `cli:<account>`.
 */
export function actorPerson(actor: string): Actor | null {
  if (!actor.startsWith('{')) return null;
  try {
    return asActor(JSON.parse(actor));
  } catch {
    return null;
  }
}

/** How a record's actor reads on screen and on paper: 王值班（值班员）, or the string as it was recorded. */
export function actorLabel(actor: string, lang: 'zh' | 'en' = 'zh'): string {
  const p = actorPerson(actor);
  if (!p) return actor;
  const roles = p.roles.map((r) => ROLE_LABELS[r][lang]).join(lang === 'zh' ? '、' : ', ');
  return lang === 'zh' ? `${p.name}（${roles}）` : `${p.name} (${roles})`;
}
