/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The build goes to target/dist, where gateway-api serves it at / (biotdm.dashboard.dir). `npm run dev` serves the
// sources with hot reload and proxies the API of a stack started with `scripts/biotdm up` (GATEWAY, default :8080).
const gateway = process.env.GATEWAY ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/dist',
    emptyOutDir: true,
    // No inline scripts or data: modules: the gateway's Content-Security-Policy allows only files from itself.
    assetsInlineLimit: 0,
    // The budget is 250 KB of initial JavaScript gzipped (README); Rollup's warning counts it uncompressed.
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: {
      '/api': gateway,
      '/ws': { target: gateway.replace(/^http/, 'ws'), ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    // Generous: CI machines are shared; no test here measures speed.
    testTimeout: 30_000,
  },
});
