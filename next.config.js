/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: [
    "@node-rs/argon2",
    "ioredis",
    "rate-limiter-flexible",
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "pino",
    "postgres",
  ],
  // forbidden() → a real 403 for signed-in non-members.
  experimental: { authInterrupts: true },
  // ESLint runs in `npm run check` (with the type-aware and layer rules); a build need not repeat it.
  eslint: { ignoreDuringBuilds: true },
};

module.exports = nextConfig;
