/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "@electric-sql/pglite-socket", "pino", "postgres"],
  // forbidden() → a real 403 for signed-in non-members.
  experimental: { authInterrupts: true },
  eslint: { dirs: ["app", "components", "lib", "scripts", "tests", "e2e"] },
};

module.exports = nextConfig;
