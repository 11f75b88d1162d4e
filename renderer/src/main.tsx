import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { syncPlans } from './plans';
import { queryClient } from './query/client';
import { installChangeStream } from './query/changes';
import './styles.css';

function render() {
  installChangeStream();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}

// The core's plan versions first (office-edited ones, so the live grade uses them); if the core cannot be reached yet
// the console still starts with the built-in plans and the status screen says what is wrong.
syncPlans()
  .catch(() => [])
  .finally(render);
