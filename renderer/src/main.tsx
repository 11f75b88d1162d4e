import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { syncPlans } from './plans';
import './styles.css';

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// The core's plan versions first (office-edited ones, so the live grade uses them); if the core cannot be reached yet
// the console still starts with the built-in plans and the status screen says what is wrong.
syncPlans()
  .catch(() => [])
  .finally(render);
