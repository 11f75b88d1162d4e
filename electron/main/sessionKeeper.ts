import type { CommandName } from '../../shared/api';
import type { WireContext } from '../core/handlers/types';

/**
 * The desktop window's sign-in (issue 15). The main process keeps the session token of the person signed in at the
 * window and passes it with every command; the page never holds it (like the serve shell's HttpOnly cookie). The
 * answer of a sign-in goes to the page without its token; signing out forgets it.
 */
export interface SessionKeeper {
  invoke(name: CommandName, input: unknown, job?: string): Promise<unknown>;
}

type Invoke = (name: CommandName, input: unknown, ctx: WireContext, job?: string) => Promise<unknown>;

export function createSessionKeeper(invoke: Invoke, transport: WireContext['transport'] = 'electron'): SessionKeeper {
  let token: string | null = null;
  return {
    async invoke(name, input, job) {
      const ctx: WireContext = { actor: 'desktop', transport, ...(token ? { session: token } : {}) };
      if (name === 'auth.signOut') {
        const held = token;
        token = null;
        return invoke(name, input, { ...ctx, ...(held ? { session: held } : {}) }, job);
      }
      const result = await invoke(name, input, ctx, job);
      if (name === 'auth.signIn' || name === 'auth.setup') {
        const r = result as { session: { token?: string; expiresAt: string } };
        token = r.session.token ?? null;
        return { ...r, session: { expiresAt: r.session.expiresAt } };
      }
      return result;
    },
  };
}
