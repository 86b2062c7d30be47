"use server";
// Server actions for the sign-in and sign-out pages.
import { AuthError } from "next-auth";
import { signIn, signOut, SignInThrottled } from "./config";
import { retryWording } from "./sign-in-throttle";

export async function signInAction(_prev: string | undefined, form: FormData): Promise<string | undefined> {
  try {
    await signIn("credentials", {
      email: form.get("email"),
      password: form.get("password"),
      redirectTo: String(form.get("callbackUrl") || "/projects"),
    });
  } catch (err) {
    if (err instanceof SignInThrottled) {
      return `Too many failed sign-ins for this account or from this network. Try again ${retryWording(err.retryAt)}.`;
    }
    if (err instanceof AuthError) return "That email and password don't match an account.";
    throw err; // the redirect after a successful sign-in is thrown, too
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
