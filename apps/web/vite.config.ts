import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `pnpm dev` forwards the API to: the gateway `pnpm dev` starts beside Vite (PORT 3000 by default). */
const gateway = process.env.SWITCHBOARD_DEV_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
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
