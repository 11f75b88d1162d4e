import { AppError, PERMISSIONS, ROLE_LABELS, type CommandName } from '../../../shared/api';
import type { CallContext, CoreServices } from '../handlers/types';
import { actorOf, sessionPerson } from './store';

/**
 * Who is calling, and may they (the table in shared/api/permissions.ts). Runs in the core for every command, before
 * its input is parsed and its handler runs, whichever shell it came through:
 *  - the shells pass the connection's session token; the person it belongs to becomes `ctx.person`, and `ctx.actor`
 *    (what every record keeps) is set from that person: a client-supplied actor is never used;
 *  - a command that is not 'anyone' needs a signed-in person (else `unauthenticated`, 401) holding one of its roles
 *    (else `forbidden`, 403);
 *  - the CLI is the administrator's tool on the machine itself and writes as `cli:<OS account>`; in-process tests
 *    without a person are trusted the same way. Neither can be claimed by a client: the shells set the transport.
 */
export function authorise(name: CommandName, ctx: CallContext, s: CoreServices): CallContext {
  const perm = PERMISSIONS[name];
  let person = ctx.person ?? null;
  let expired = false;
  if (!person && ctx.session) {
    const found = sessionPerson(s.db, ctx.session, s.clock.now());
    person = found?.person ?? null;
    expired = !found;
  }
  const out: CallContext = person ? { ...ctx, person, actor: actorOf(person) } : { ...ctx, person: null };
  if (perm === 'anyone') return out;
  if (ctx.transport === 'cli' || (ctx.transport === 'test' && ctx.person === undefined && !ctx.session)) return out;
  if (!person) {
    throw new AppError(
      expired
        ? { code: 'unauthenticated', message: '登录已过期或已在别处退出，请重新登录；未写入任何内容', messageEn: 'the session has expired or was signed out; sign in again. Nothing was written', rule: 'session' }
        : { code: 'unauthenticated', message: '请先登录：每一项改动都要记下是谁做的；未写入任何内容', messageEn: 'sign in first: every change records who made it. Nothing was written', rule: 'sign-in' },
    );
  }
  if (perm !== 'signed-in' && !person.roles.some((r) => perm.includes(r))) {
    const need = perm.map((r) => ROLE_LABELS[r].zh).join('、');
    const has = person.roles.map((r) => ROLE_LABELS[r].zh).join('、');
    throw new AppError({
      code: 'forbidden',
      message: `“${name}”只限${need}；${person.name}（${has}）无此权限，未写入任何内容`,
      messageEn: `"${name}" is for ${perm.join(', ')} only; ${person.name} (${person.roles.join(', ')}) may not. Nothing was written`,
      rule: 'role',
    });
  }
  return out;
}
