import { SignOutButton } from "@/components/auth/sign-out-button";

export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col items-center justify-center gap-3 p-8 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-500">403</p>
      <h1 className="text-2xl font-semibold">You don&apos;t have access to this organization</h1>
      <p className="text-slate-600">
        You are signed in, but not as a member here. If you work for this organization, ask one of its administrators to invite you. This
        attempt has been recorded.
      </p>
      <SignOutButton className="text-sm text-slate-500 underline" />
    </main>
  );
}
