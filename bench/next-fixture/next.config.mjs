// The minimal Next.js app `npm run bench:http` measures AgentCare against: the same Next version,
// no middleware, no auth, no tenancy — one route handler running the staff day list's SQL, one
// trivial route and one trivial dynamic page.
const nextConfig = { poweredByHeader: false };

export default nextConfig;
