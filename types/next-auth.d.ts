import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    activeOrganizationId: string | null;
    /** Signed in through this organization's single sign-on: the session reaches it only. */
    ssoOrganizationId?: string | null;
  }
  interface User {
    activeOrganizationId?: string | null;
    /** Signed in through this organization's single sign-on (see Session.ssoOrganizationId). */
    ssoOrg?: string | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** The server-side session record (lib/auth/sessions.ts). */
    sid?: string;
    activeOrganizationId?: string | null;
    /** Signed in through this organization's single sign-on (see Session.ssoOrganizationId). */
    ssoOrg?: string | null;
  }
}
