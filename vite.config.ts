import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is fully offline: no CDN, no telemetry. The worker is an ES module worker.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2000 },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
});
