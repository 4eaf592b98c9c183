import './index.css';

// Evaluating all of the dashboard's code is one long task when it runs at once. The libraries are
// evaluated first, the dashboard's own code in a later task (both are preloaded from index.html, so
// neither waits for the network here).
await import('./libraries.ts');
await import('./start.tsx');
