// Users: look-up and creation (sign-in, the CLI, the seed, adding members by email).
import "server-only";
import { eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { users } from "@/db/schema";
import { newId } from "@/lib/ids";
import { Conflict } from "@/lib/http/errors";
import { hashPassword } from "./password";

export type User = typeof users.$inferSelect;

export async function findUserByEmail(email: string, ex: Executor = db()): Promise<User | undefined> {
  const [user] = await ex.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user;
}

export async function findUserById(id: string, ex: Executor = db()): Promise<User | undefined> {
  const [user] = await ex.select().from(users).where(eq(users.id, id));
  return user;
}

export async function createUser(
  input: { email: string; name?: string; password: string },
  ex: Executor = db(),
): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (await findUserByEmail(email, ex)) throw new Conflict(`A user with email ${email} already exists.`);
  const [user] = await ex
    .insert(users)
    .values({ id: newId("usr"), email, name: input.name?.trim() || email.split("@")[0], passwordHash: await hashPassword(input.password) })
    .returning();
  return user;
}
