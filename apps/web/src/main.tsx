import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app.tsx';
import './styles.css';

// zod tests whether it may compile validators with `Function` at its first parse; under the
// server's Content-Security-Policy (no 'unsafe-eval') that test is a logged violation. It is
// not needed: the schemas validate the same without it.
z.config({ jitless: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
