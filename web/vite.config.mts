/**
 * Builds the dashboard into `web/dist/`, which `src/http/dashboard.ts` serves: the page at `/` and
 * `/dashboard`, everything else under `/dashboard/`. `npm run dev:web` serves it with hot reload,
 * sending `/graphql` to a gateway started with `npm start`.
 * @see https://vite.dev/config/
 */
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/dashboard/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The page must load with nothing but ShopGraph reachable: no inlined data: URLs to whitelist in
    // the CSP, no source maps shipped to the browser.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:4000' },
  },
});
