import type { CommandInput, CommandName, CommandOutput } from './index';

/**
 * The start screen's first answer, sent inside the console's page itself (issue 17): the serve shell works out the
 * board before the page asks (electron/serve/server.ts warmStart, before it prints its address), or while the browser
 * fetches and compiles the scripts, never after them, and the page draws the board as soon as its script runs
 * (test/bench/startup.bench.ts).
 *
 * The page carries it as a data block, `<script type="application/json" id="ercon-start">`, which no browser runs (the
 * CSP still allows no inline script) and in which every `<` is written `\u003c`, so nothing in it can end the block.
 * It is only put into the console's own page (where it says START_ANSWER_MARK), loaded with the launch token, and the
 * page is never kept by the browser (no-store).
 *
 * `changes`: how many changes the shell had passed on when it worked the answer out. The page's change stream is opened
 * with `since=<changes>`, and the shell tells it when writes came in between (`event: missed`): the page then asks
 * everything again, as after a reconnection, so an incident recorded meanwhile on another workstation is not missed.
 */
export const START_ANSWER_ELEMENT = 'ercon-start';
/** Where in the page the answer goes (renderer/index.html): a page without it (another UI, a static page) gets none. */
export const START_ANSWER_MARK = '<!--ercon:start-answer-->';
export const START_COMMAND = 'console.board' satisfies CommandName;
export const START_INPUT: CommandInput<typeof START_COMMAND> = { status: 'open' };

export interface StartAnswer {
  command: typeof START_COMMAND;
  input: CommandInput<typeof START_COMMAND>;
  changes: number;
  result: CommandOutput<typeof START_COMMAND>;
}

/** The data block for a page: JSON with every `<` escaped (so `</script>` or `<!--` in a title stays text). */
export function startAnswerBlock(answer: StartAnswer): string {
  return `<script type="application/json" id="${START_ANSWER_ELEMENT}">${JSON.stringify(answer).replace(/</g, '\\u003c')}</script>`;
}
