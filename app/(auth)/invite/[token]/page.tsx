import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm, JoinWithAccount, SignOutFirst } from "@/components/members/accept-invitation";
import { buttonClasses } from "@/components/ui/button";
import { auth } from "@/lib/auth/config";
import { INVITATION_REFUSALS, invitationState } from "@/lib/domain/invitations";

export const metadata: Metadata = { title: "Join a project", referrer: "no-referrer" };

// Public: the invitee has no account yet. The token in the path is checked against its hash.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, session] = await Promise.all([invitationState(token), auth()]);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6">
        {invitation.state !== "open" ? (
          <Message title="This link cannot be used" text={INVITATION_REFUSALS[invitation.state]} />
        ) : session?.user && session.user.email !== invitation.email ? (
          <SignOutFirst token={token} signedInAs={session.user.email ?? ""} invitedEmail={invitation.email} />
        ) : invitation.accountExists && session?.user ? (
          <JoinWithAccount token={token} projectName={invitation.projectName} role={invitation.role} email={invitation.email} />
        ) : invitation.accountExists ? (
          <Message
            title={`Join ${invitation.projectName}`}
            text={`An account for ${invitation.email} already exists. Sign in with it to join.`}
            href={`/login?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}
            action={`Sign in as ${invitation.email}`}
          />
        ) : (
          <>
            <div className="text-center">
              <h1 className="text-2xl font-semibold">Join {invitation.projectName}</h1>
              <p className="mt-1 text-sm text-slate-600">
                You are invited as {invitation.role === "admin" ? "an admin" : "a member"}. Choose your name and a password for {invitation.email}.
              </p>
            </div>
            <AcceptInvitationForm token={token} email={invitation.email} />
          </>
        )}
      </div>
    </main>
  );
}

function Message({ title, text, href = "/login", action = "Go to sign-in" }: { title: string; text: string; href?: string; action?: string }) {
  return (
    <section aria-labelledby="invite-message" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
      <h1 id="invite-message" className="text-lg font-semibold">
        {title}
      </h1>
      <p className="text-sm text-slate-700">{text}</p>
      <Link href={href} className={buttonClasses("secondary")}>
        {action}
      </Link>
    </section>
  );
}
