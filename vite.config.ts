import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev:web` serves the dashboard with hot reload and sends API calls to a running server
// (`npm run dev`, port 8001 unless MERIDIAN_API_ORIGIN says otherwise).
const apiOrigin = process.env.MERIDIAN_API_ORIGIN ?? 'http://127.0.0.1:8001';

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react()],
  build: {
    // The server serves this folder (src/server/http/web.ts).
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // test/e2e/bundle-size.ts reads it to sum the JavaScript the first route needs.
    manifest: true,
  },
  server: {
    proxy: { '/api': apiOrigin, '/docs': apiOrigin, '/openapi.json': apiOrigin },
  },
});
