/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages loaded from node_modules at run time rather than bundled.
  // tsx (and its esbuild) loads the worker threads' TypeScript tasks at run time (lib/workers/thread.mjs).
  serverExternalPackages: ["pg", "meilisearch", "@node-rs/argon2", "tsx", "esbuild"],
  // forbidden() answers 403 on a curator page the user's role does not open.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      {
        // Every address but the statement card (/statements/:id/embed), which other sites may
        // frame: the pattern of lib/embed/paths.ts. Its CSP says frame-ancestors * (proxy.ts).
        source: "/:path((?!statements/[^/]+/embed/?$).*)",
        headers: [{ key: "X-Frame-Options", value: "DENY" }],
      },
    ];
  },
};

export default nextConfig;
