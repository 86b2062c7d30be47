// next-auth: Credentials (email + argon2id password) with JWT sessions. Failed sign-ins are
// throttled per account and per client address (lib/auth/sign-in-throttle.ts); an unknown email
// costs the same argon2 verification as a wrong password, so timing does not tell them apart.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { findUserByEmail } from "./users";
import { hashPassword, verifyPassword } from "./password";
import { clearAccountFailures, clientAddress, recordSignInFailure, signInBlockedUntil } from "./sign-in-throttle";

const credentials = z.object({ email: z.email().max(320), password: z.string().min(1).max(200) });

/** Refused without checking the password: too many recent failures. `retryAt` says when to come back. */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAt: Date) {
    super();
  }
}

// A real argon2id hash of a random password, made once: verifying against it costs what a real check does.
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(crypto.randomUUID()));

export const { handlers, auth, signIn, signOut } = NextAuth({
  // `next start` behind any host name: the app decides its own URL (APP_URL), so trust the Host header.
  trustHost: true,
  session: { strategy: "jwt" },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const address = clientAddress(request.headers);
        const blockedUntil = await signInBlockedUntil(email, address);
        if (blockedUntil) throw new SignInThrottled(blockedUntil);
        const user = await findUserByEmail(email);
        const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
        if (!user || !matches) {
          await recordSignInFailure(email, address);
          return null;
        }
        await clearAccountFailures(email);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.uid) session.user.id = token.uid as string;
      return session;
    },
  },
});
