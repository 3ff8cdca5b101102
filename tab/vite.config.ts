/**
 * Vite build for the tab. The bot service serves `tab/dist` at `/`, so the base stays `/` and
 * the dev server forwards the API and the dev issuer to a locally running service.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/** Where `npm start` runs the service locally; only used by `vite` (dev), never by the build. */
const localService = 'http://127.0.0.1:3978';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the shipped build: the service would otherwise publish the tab's sources
    // (7.9 MB). `vite build --sourcemap` (or `npm run dev`) gives them for local debugging.
    sourcemap: false,
    // Fluent UI alone is ~400 kB minified; the default 500 kB warning would fire on every build.
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      // The app, and the end page of Teams' consent pop-up.
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        authEnd: fileURLToPath(new URL('auth-end.html', import.meta.url)),
      },
      output: {
        codeSplitting: {
          // The Teams SDK is loaded only inside Teams; give its chunk a recognisable name.
          // Fluent UI and React change less often than the app: their own chunk stays cached
          // across releases of the pages.
          groups: [
            { name: 'teams-js', test: /[\\/]@microsoft[\\/]teams-js[\\/]/ },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': localService,
      '/dev-issuer': localService,
    },
  },
  preview: {
    host: '127.0.0.1',
  },
});
