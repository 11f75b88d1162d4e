import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { syncEditedPlans } from './plans';
import './styles.css';

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// Office-edited plans first (so the live grade uses them); if the core cannot be reached yet the console still starts
// with the built-in plans and the status screen says what is wrong.
syncEditedPlans()
  .catch(() => [])
  .finally(render);
