import type { Core } from './core';

/**
 * Answer the start screen's request once, right after the core opens and before any window asks (the Electron shell;
 * the serve shell works its answer out ahead for the first page itself, electron/serve/server.ts `warmStart`): the
 * first answer of a fresh process pays for compiling the code, preparing the statements and reading the database's
 * pages, about 60 ms of the 110–140 ms the board with 1,000 incidents took over HTTP (test/bench/startup.bench.ts).
 * The answer itself is thrown away: the window's own request is answered afresh. A failure is the window's to see.
 */
export function warmStartScreen(core: Core): void {
  setImmediate(() => {
    core.invoke('console.board', { status: 'open' }, { actor: 'warm-up', transport: 'test' }).catch(() => undefined);
  });
}
