import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web UI lives in web/ and is built into dist/web, which the server serves with an SPA fallback.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: {
        // Long-lived vendor chunks: a UI change does not make browsers download React or Mantine again.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id)) return 'react';
          if (/node_modules\/@mantine\/(core|hooks|notifications|form)\//.test(id)) return 'mantine';
          if (/node_modules\/(@floating-ui|react-remove-scroll|react-textarea-autosize)/.test(id)) return 'mantine';
          if (/node_modules\/(i18next|react-i18next|@tanstack)\//.test(id)) return 'data';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
