// eslint-disable-next-line @typescript-eslint/no-require-imports -- Next loads this file as CommonJS
const createNextIntlPlugin = require("next-intl/plugin");

// Patient pages translate through next-intl; its request configuration picks their language. The
// message catalogs are compiled when the app is built, so browsers get ready-to-format messages and
// no message parser (about 12 kB of compressed JavaScript on every patient page).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./lib/i18n/messages", format: "json", locales: "infer", sourceLocale: "en", precompile: true } },
});

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

module.exports = withNextIntl(nextConfig);
