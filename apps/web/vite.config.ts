import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Where `pnpm dev` forwards the API to: the gateway `pnpm dev` starts beside Vite (PORT 3000 by default). */
const gateway = process.env.SWITCHBOARD_DEV_API ?? 'http://127.0.0.1:3000';

/**
 * `<link rel="modulepreload">` in index.html for the chunks the entry imports dynamically, and theirs: the
 * entry evaluates the dashboard's code in steps (see src/main.tsx), and each step must find its code
 * fetched already rather than ask for it only when the step before has run.
 */
function preloadEntrySteps(): Plugin {
  return {
    name: 'preload-entry-steps',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle, chunk }) {
        if (!bundle || !chunk) return;
        const files = new Set<string>();
        const add = (file: string) => {
          const output = bundle[file];
          if (output?.type !== 'chunk' || files.has(file)) return;
          files.add(file);
          for (const imported of output.imports) add(imported);
        };
        for (const file of chunk.dynamicImports) add(file);
        return [...files]
          .filter((file) => !html.includes(`/${file}"`))
          .map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), preloadEntrySteps()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      // No changeOrigin: the gateway refuses WebSocket upgrades whose Origin host differs from Host, and the
      // browser's Origin is the Vite host — so the Host header must stay the Vite host too.
      '/trpc': { target: gateway, ws: true },
      '/api': { target: gateway },
      '/health': { target: gateway },
    },
  },
  build: {
    target: 'es2022',
    // No source maps in the build: the server would hand the dashboard's source to anyone who asked.
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'phone-metadata', test: /node_modules[\\/]libphonenumber-js[\\/]/ },
            // Only the overview's chart needs these, and it loads them when it is first drawn.
            { name: 'charts', test: /node_modules[\\/](chart\.js|react-chartjs-2|@kurkle)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
