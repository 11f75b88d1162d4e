import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { syncPlans } from './plans';
import { commandQuery, queryClient } from './query/client';
import { installChangeStream } from './query/changes';
import { preloadScreens } from './views/registry';
import './styles.css';

// Start-up phases, read by test/bench/startup.bench.ts (performance.mark costs nothing worth counting).
performance.mark('ercon:script');

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

// Changes are followed from the start, so that nothing written while the first answers travel is missed.
installChangeStream();
// The start screen's answer travels while the plans are synced (it does not depend on the UI's plans): the board is
// drawn one round trip sooner (test/bench/startup.bench.ts).
// Once it has come (and the board is drawn in the frames after), the other screens' code is fetched while idle.
void queryClient
  .prefetchQuery(commandQuery('console.board', { status: 'open' }))
  .finally(() => {
    performance.mark('ercon:board-answer');
    requestAnimationFrame(() => void preloadScreens());
  });
// The core's plan versions first (office-edited ones, so the live grade uses them); if the core cannot be reached yet
// the console still starts with the built-in plans and the status screen says what is wrong.
syncPlans()
  .catch(() => [])
  .finally(render);
