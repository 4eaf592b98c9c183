import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createQueryClient, startLoading } from './app.tsx';
import { applyLocale, deviceLocale } from './i18n/i18n.ts';
import { createClients } from './trpc.ts';

const queryClient = createQueryClient();
const clients = createClients();
startLoading(queryClient, clients);

// In a task after the one that evaluated the code: the first read of the browser's storage (the saved
// language) can take a while, and would add to that task.
await new Promise((resolve) => setTimeout(resolve));

// The language saved on this device (else the browser's) before the first paint: no flash of English.
// A catalogue that cannot be fetched (offline after an update) leaves the dashboard in English.
await applyLocale(deviceLocale()).catch(() => applyLocale('en'));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// Rendered as a transition, so even the very first render — every component's code run for the first
// time — yields to the browser every few milliseconds rather than running as one task.
startTransition(() =>
  createRoot(root).render(
    <StrictMode>
      <App queryClient={queryClient} initialClients={clients} />
    </StrictMode>,
  ),
);
