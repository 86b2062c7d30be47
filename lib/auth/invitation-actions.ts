"use server";
// Server actions of the public /invite/{token} page: accept (create the account, join, sign in)
// and sign out of another account first.
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { acceptInvitation, acceptInvitationAs, acceptInvitationInput } from "@/lib/domain/invitations";
import { HttpError } from "@/lib/http/errors";
import { auth, signIn, signOut } from "./config";

export type AcceptInvitationState = { error?: string; fields?: Partial<Record<"name" | "password" | "confirm", string>> } | undefined;

export async function acceptInvitationAction(token: string, _prev: AcceptInvitationState, form: FormData): Promise<AcceptInvitationState> {
  const parsed = acceptInvitationInput.safeParse({ name: form.get("name"), password: form.get("password") });
  if (!parsed.success) {
    const fields: NonNullable<AcceptInvitationState>["fields"] = {};
    for (const issue of parsed.error.issues) fields[issue.path[0] as "name" | "password"] ??= issue.message;
    return { fields };
  }
  if (form.get("confirm") !== parsed.data.password) return { fields: { confirm: "The two passwords differ." } };
  let joined: { projectId: string; email: string };
  try {
    joined = await acceptInvitation(String(token).slice(0, 500), parsed.data);
  } catch (err) {
    if (err instanceof HttpError) return { error: err.message };
    throw err;
  }
  try {
    await signIn("credentials", { email: joined.email, password: parsed.data.password, redirectTo: `/projects/${joined.projectId}` });
  } catch (err) {
    if (err instanceof AuthError) return { error: "Your account is ready, but signing in failed. Sign in with your email and new password." };
    throw err; // the redirect after a successful sign-in is thrown, too
  }
}

/** Joins with the signed-in account, when the invitation's email already had one. */
export async function joinWithAccountAction(token: string, _prev: AcceptInvitationState): Promise<AcceptInvitationState> {
  const user = (await auth())?.user;
  if (!user?.id) return { error: "Sign in first." };
  let joined: { projectId: string };
  try {
    joined = await acceptInvitationAs(String(token).slice(0, 500), { userId: user.id, email: user.email ?? "", name: user.name ?? "" });
  } catch (err) {
    if (err instanceof HttpError) return { error: err.message };
    throw err;
  }
  redirect(`/projects/${joined.projectId}`);
}

export async function signOutForInvitationAction(token: string): Promise<void> {
  await signOut({ redirectTo: `/invite/${encodeURIComponent(String(token).slice(0, 500))}` });
}
