import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { platformRoute } from "@/lib/pipeline/platform-route";

// next-auth's own endpoints (sign-in, sign-out, session, CSRF): it reads credentials itself.
const handler = platformRoute({ credentials: false }, async ({ request, params }) =>
  NextAuth(authOptions())(request, { params: params as unknown as { nextauth: string[] } }),
);

export { handler as GET, handler as POST };
