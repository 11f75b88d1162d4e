// The console's first script: only what the start screen's answer needs (the API client and the query cache, no
// screens, no plans, no zod). It takes the board's answer from the page (or asks for it), then runs the rest of the UI
// (./start.tsx, modulepreloaded with its CSS, so it is fetched and compiled while this runs; test/bench/startup.bench.ts).
import { START_COMMAND, START_INPUT } from '../../shared/api/startAnswer';
import { api } from './api/client';
import { commandQuery, queryClient, useStarted } from './query/client';
import { installChangeStream } from './query/changes';
import { takeStartAnswer } from './query/startAnswer';
import './styles.css';

// Start-up phases, read by test/bench/startup.bench.ts (performance.mark costs nothing worth counting).
performance.mark('ercon:script');
// The board first: the header's and the banners' questions wait until it is painted (start.tsx).
useStarted.setState({ started: false });
// The board's answer, from the page itself when the serve shell put it there (shared/api/startAnswer.ts), else asked.
const inPage = takeStartAnswer();
// Changes are followed from the start, so that nothing written while the first answers travel is missed (nor, with
// `since`, anything written after the shell worked out the answer in the page).
installChangeStream(queryClient, inPage ? { since: inPage.changes } : {});
const boardQuery = commandQuery(START_COMMAND, START_INPUT);
// (dated when the shell worked it out, so that a deadline passed since is asked again at once: useRefetchAt)
const board = (inPage ? Promise.resolve(void queryClient.setQueryData(boardQuery.queryKey, inPage.result, { updatedAt: Date.parse(inPage.result.now) })) : queryClient.prefetchQuery(boardQuery)).finally(() =>
  performance.mark('ercon:board-answer'),
);
const plans = api().invoke('plans.list', {});
plans.catch(() => undefined); // (the status screen reports an unreachable core)
void import('./start')
  .then((m) => m.start({ board, plans }))
  .catch((e: unknown) => {
    // (e.g. the console was updated and restarted while this page was open: its chunks have new names)
    const msg = e instanceof Error ? e.message : String(e);
    document.getElementById('root')!.textContent = `值守台界面程序未能载入（${msg}），请刷新页面（F5）。The console's code could not be loaded (${msg}): reload the page (F5).`;
  });
