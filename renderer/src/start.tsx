import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { CommandOutput } from '../../shared/api';
import { App } from './App';
import { plansSynced } from './plansReady';
import { queryClient, useStarted } from './query/client';
import { preloadScreens } from './views/registry';

function render() {
  performance.mark('ercon:render');
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}

/**
 * The console's screens, started by main.tsx once the first requests are on their way. The plans load and sync beside
 * the first draw (plansReady.ts: the other screens wait for them, the board does not). Once the board has its answer
 * (and is painted, two frames after), the header's and the banners' questions go out and the other screens' code is
 * fetched while idle.
 */
export function start(first: { board: Promise<unknown>; plans: Promise<CommandOutput<'plans.list'>> }): void {
  render();
  void plansSynced(first.plans);
  let done = false;
  const started = () => {
    if (done) return;
    done = true;
    // now the header, the banners and the cards ask (query/client.ts useStarted), then the screens' code is fetched
    useStarted.setState({ started: true });
    void preloadScreens();
  };
  void first.board.finally(() => requestAnimationFrame(() => requestAnimationFrame(started)));
  // At the latest after 2 s: a window opened in the background paints no frames, and the deadline banner (with its
  // desktop notifications) must not wait for one; nor for a board answer held up by the database.
  setTimeout(started, START_AT_LATEST_MS);
}

const START_AT_LATEST_MS = 2000;
