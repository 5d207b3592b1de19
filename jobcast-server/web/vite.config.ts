import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The app is served by jobcast itself at /dashboard/, from the jar's classpath folder
// "dashboard/": the Maven build runs `npm run build`, which writes straight into it.
// `npm run dev` serves it with hot reload and forwards the API and Socket.IO to a
// jobcast on localhost:8000 (JOBCAST_URL to point elsewhere).
const jobcast = process.env.JOBCAST_URL ?? "http://localhost:8000";

export default defineConfig({
  base: "/dashboard/",
  plugins: [react()],
  build: {
    outDir: "../target/classes/dashboard",
    // The folder is outside web/, so Vite only empties it when told to; stale hashed
    // assets of earlier builds would otherwise pile up in the jar.
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: {
      "/api": jobcast,
      "/dashboard/dev-session": jobcast,
      "/socket.io": { target: jobcast, ws: true },
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
  },
});
