import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// `npm run dev:web` serves the dashboard with hot reload and sends API calls to a running server
// (`npm run dev`, port 8001 unless MERIDIAN_API_ORIGIN says otherwise).
const apiOrigin = process.env.MERIDIAN_API_ORIGIN ?? 'http://127.0.0.1:8001';

/**
 * Writes a Brotli and a gzip copy beside every text file of the build, so the server sends them as they
 * are (preCompressed in src/server/http/web.ts) instead of compressing on every request.
 */
function precompress(): Plugin {
  const compressible = /\.(js|css|html|svg|json)$/;
  return {
    name: 'meridian-precompress',
    apply: 'build',
    writeBundle(options) {
      const outDir = options.dir as string;
      const files = fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' });
      for (const file of files.filter((name) => compressible.test(name))) {
        const full = path.join(outDir, file);
        const content = fs.readFileSync(full);
        fs.writeFileSync(`${full}.br`, zlib.brotliCompressSync(content));
        fs.writeFileSync(`${full}.gz`, zlib.gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react(), precompress()],
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
