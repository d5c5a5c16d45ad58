import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves `dist` at `/` in production; in development Vite proxies
// the API to a server started with `npm run dev` on port 3000 (or JIAOWU_API).
const api = process.env.JIAOWU_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
