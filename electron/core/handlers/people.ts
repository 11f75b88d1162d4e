import { AppError } from '../../../shared/api';
import { addPerson, countPeople, getPerson, listPeople, sessionPerson, setPassword, setupFirstAdmin, signIn, signOut, updatePerson } from '../people/store';
import type { HandlerTable } from './types';

type Names = 'auth.status' | 'auth.setup' | 'auth.signIn' | 'auth.signOut' | 'people.list' | 'people.add' | 'people.update' | 'people.setPassword';

/** Accounts and sessions (electron/core/people/store.ts). The shells keep a session's token; the page never sees it. */
export const peopleHandlers: HandlerTable<Names> = {
  'auth.status': (_i, ctx, s) => {
    const now = s.clock.now();
    const found = ctx.session ? sessionPerson(s.db, ctx.session, now) : null;
    return { person: found?.person ?? null, needsFirstAdmin: countPeople(s.db) === 0, expiresAt: found?.expiresAt ?? null };
  },
  'auth.setup': (i, _ctx, s) => setupFirstAdmin(s.db, i, s.clock.now()),
  'auth.signIn': (i, ctx, s) => signIn(s.db, i.login, i.password, s.clock.now(), ctx.from ?? ctx.transport),
  'auth.signOut': (_i, ctx, s) => {
    signOut(s.db, ctx.session, s.clock.now());
    return { ok: true as const };
  },
  'people.list': (i, _ctx, s) => ({ people: listPeople(s.db, i.includeInactive) }),
  'people.add': (i, ctx, s) => addPerson(s.db, i, ctx.actor, s.clock.now()),
  'people.update': (i, ctx, s) => {
    const { id, ...change } = i;
    return updatePerson(s.db, id, change, ctx.actor, s.clock.now());
  },
  'people.setPassword': async (i, ctx, s) => {
    // The CLI (the administrator on the machine itself) may reset any password; a shell needs the signed-in person.
    const by = ctx.person ?? (ctx.transport === 'cli' ? { id: 0, login: ctx.actor, name: ctx.actor, roles: ['admin' as const], phone: '', active: true } : null);
    if (!by) throw new AppError({ code: 'unauthenticated', message: '请先登录', messageEn: 'sign in first' });
    getPerson(s.db, i.id);
    await setPassword(s.db, by, i.id, i.password, i.current, s.clock.now());
    return { ok: true as const };
  },
};
