import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createQueryClient } from './app.tsx';
import { requestFirstData } from './first-data.ts';
import { applyLocale, deviceLocale } from './i18n/i18n.ts';
import { parseRoute } from './lib/route.ts';
import { createClients } from './trpc.ts';
import './index.css';

const queryClient = createQueryClient();
const clients = createClients();
// Before anything waits (the language below, the first render): the requests then run beside those.
requestFirstData(queryClient, clients, parseRoute(window.location.pathname, window.location.search));

// The language saved on this device (else the browser's) before the first paint: no flash of English.
// A catalogue that cannot be fetched (offline after an update) leaves the dashboard in English.
await applyLocale(deviceLocale()).catch(() => applyLocale('en'));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} initialClients={clients} />
  </StrictMode>,
);
