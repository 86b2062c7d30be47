import type { Metadata } from "next";
import { DEMO_ADMIN, DEMO_MEMBER } from "@/db/seed";
import { env } from "@/lib/env";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

// next-auth's own sign-in endpoint redirects here with ?error=…&code=…; the form's server action
// words its errors itself (with the time to wait).
const REDIRECT_NOTICES: Record<string, string> = {
  throttled: "Too many failed sign-ins for this account or from this network. Wait a few minutes, then try again.",
  credentials: "That email and password don't match an account.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; code?: string }> }) {
  const { callbackUrl, code } = await searchParams;
  const showDemo = env().SEED_DEMO;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6">
        <div className="text-center">
          <h1 className="text-2xl font-semibold">Sign in to Switchyard</h1>
          <p className="mt-1 text-sm text-slate-600">The webhooks hub of your test projects.</p>
        </div>
        <LoginForm
          callbackUrl={callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/projects"}
          notice={code ? REDIRECT_NOTICES[code] : undefined}
        />
        {showDemo && (
          <section aria-label="Demo accounts" className="rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-sm">
            <p className="font-medium text-indigo-900">Demo accounts</p>
            <dl className="mt-2 space-y-1 text-indigo-900">
              <div>
                <dt className="inline font-medium">Admin: </dt>
                <dd className="inline font-mono">{DEMO_ADMIN.email} / {DEMO_ADMIN.password}</dd>
              </div>
              <div>
                <dt className="inline font-medium">Member: </dt>
                <dd className="inline font-mono">{DEMO_MEMBER.email} / {DEMO_MEMBER.password}</dd>
              </div>
            </dl>
          </section>
        )}
      </div>
    </main>
  );
}
