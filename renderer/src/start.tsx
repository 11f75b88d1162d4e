import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { CommandOutput } from '../../shared/api';
import { App } from './App';
import { syncPlans } from './plans';
import { queryClient } from './query/client';
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
 * The console's screens, started by main.tsx once the first requests are on their way. The core's plan versions come
 * first (office-edited ones, so the live grade uses them); if the core cannot be reached yet the console still starts
 * with the built-in plans and the status screen says what is wrong. Once the board has its answer (and is drawn in the
 * frames after), the other screens' code is fetched while idle.
 */
export function start(first: { board: Promise<unknown>; plans: Promise<CommandOutput<'plans.list'>> }): void {
  syncPlans(first.plans)
    .catch(() => [])
    .finally(render);
  void first.board.finally(() => requestAnimationFrame(() => void preloadScreens()));
}
