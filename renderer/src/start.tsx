import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import type { CommandOutput } from '../../shared/api';
import { App } from './App';
import { whenIdle } from './idle';
import { plansSynced } from './plansReady';
import { queryClient, useStarted } from './query/client';
import { preloadScreens } from './views/registry';

function render(committed: () => void) {
  performance.mark('ercon:render');
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
        <Committed then={committed} />
      </QueryClientProvider>
    </StrictMode>,
  );
}

/** Calls `then` once the first render is on the page (an effect runs after its commit). */
function Committed({ then }: { then: () => void }) {
  useEffect(then, [then]);
  return null;
}

/**
 * The console's screens, started by main.tsx once the first requests are on their way (or with the board's answer the
 * page came with). Once the board has its answer and has been drawn with it (two frames after both), the header's
 * and the banners' questions go out; then, while the window is idle, the plans load and sync (plansReady.ts: checking
 * the five built-in plans with zod takes 40–60 ms of this thread, which used to delay the first draw; the board does
 * not need them, and a screen that does asks for them itself) and the other screens' code is fetched.
 */
export function start(first: { board: Promise<unknown>; plans: Promise<CommandOutput<'plans.list'>> }): void {
  let committed!: () => void;
  const drawn = new Promise<void>((r) => (committed = r));
  render(committed);
  let done = false;
  const started = () => {
    if (done) return;
    done = true;
    // now the header, the banners and the cards ask (query/client.ts useStarted), then the plans and the screens' code
    useStarted.setState({ started: true });
    whenIdle(() => void plansSynced(first.plans));
    void preloadScreens();
  };
  void Promise.all([first.board.catch(() => undefined), drawn]).then(() => requestAnimationFrame(() => requestAnimationFrame(started)));
  // At the latest after 2 s: a window opened in the background paints no frames, and the deadline banner (with its
  // desktop notifications) must not wait for one; nor for a board answer held up by the database.
  setTimeout(started, START_AT_LATEST_MS);
}

const START_AT_LATEST_MS = 2000;
