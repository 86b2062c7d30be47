// Personal API tokens: shown once at creation, stored as SHA-256 hashes, sent as Bearer tokens.
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { mintToken, sha256Hex } from "@/lib/crypto/tokens";
import { newId } from "@/lib/ids";
import { NotFound } from "@/lib/http/errors";

export const API_TOKEN_PREFIX = "sy_";

export async function createApiToken(userId: string, name: string) {
  const token = mintToken(API_TOKEN_PREFIX);
  const [row] = await db()
    .insert(apiTokens)
    .values({ id: newId("tok"), userId, name, tokenHash: sha256Hex(token), hint: token.slice(-4) })
    .returning();
  return { token, apiToken: presentApiToken(row) };
}

export async function listApiTokens(userId: string) {
  const rows = await db().select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
  return rows.map(presentApiToken);
}

export async function revokeApiToken(userId: string, tokenId: string) {
  const deleted = await db()
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id });
  if (!deleted.length) throw new NotFound("No such API token.");
}

/** The user a bearer token belongs to, or undefined. Lookup is by hash, so no comparison leaks timing. */
export async function userForApiToken(token: string) {
  if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
  const [row] = await db()
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .from(users)
    .where(and(eq(apiTokens.tokenHash, sha256Hex(token)), eq(users.id, apiTokens.userId)))
    .returning({ id: users.id, email: users.email, name: users.name });
  return row;
}

function presentApiToken(row: typeof apiTokens.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    hint: row.hint,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}
