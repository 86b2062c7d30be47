// Personal API tokens: shown once at creation, stored as SHA-256 hashes, sent as Bearer tokens.
// Each has an expiry chosen at creation and a scope: read-only or read-write, every project of its
// user or one of them. lib/auth/access.ts enforces the scope.
import "server-only";
import { and, desc, eq, gt, isNull, not, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { apiTokenAccess, apiTokens, projectMembers, projects, users } from "@/db/schema";
import { mintToken, sha256Hex } from "@/lib/crypto/tokens";
import { Invalid, NotFound } from "@/lib/http/errors";
import { MAX_ID_LENGTH, newId } from "@/lib/ids";
import { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIMES_DAYS, type TokenLifetime } from "./token-options";

export const API_TOKEN_PREFIX = "sy_";
export const TOKEN_ACCESS = apiTokenAccess.enumValues;
export type TokenAccess = (typeof TOKEN_ACCESS)[number];

export const createApiTokenInput = z.object({
  name: z.string().trim().min(1, "Name the token after where it will be used, e.g. CI.").max(100, "Keep the name under 100 characters."),
  expires_in_days: z
    .custom<TokenLifetime>((v) => (TOKEN_LIFETIMES_DAYS as readonly unknown[]).includes(v), "Choose 30, 90 or 365 days, or null for never.")
    .default(DEFAULT_TOKEN_LIFETIME_DAYS),
  access: z.enum(TOKEN_ACCESS, "Choose read_only or read_write.").default("read_write"),
  project_id: z.string().min(1).max(MAX_ID_LENGTH).nullable().default(null),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a token made at `now` for `days` expires (null: never). */
export function tokenExpiry(now: Date, days: number | null): Date | null {
  return days === null ? null : new Date(now.getTime() + days * DAY_MS);
}

export async function createApiToken(userId: string, input: CreateApiTokenInput) {
  const { name, expires_in_days, access, project_id } = createApiTokenInput.parse(input);
  if (project_id !== null) {
    const [member] = await db()
      .select({ id: projectMembers.projectId })
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, project_id), eq(projectMembers.userId, userId)));
    if (!member) throw new Invalid("project_id: you are not a member of that project.", [{ path: "project_id", message: "not one of your projects" }]);
  }
  const token = mintToken(API_TOKEN_PREFIX);
  const [row] = await db()
    .insert(apiTokens)
    .values({
      id: newId("tok"),
      userId,
      name,
      tokenHash: sha256Hex(token),
      hint: token.slice(-4),
      access,
      projectId: project_id,
      expiresAt: tokenExpiry(new Date(), expires_in_days),
    })
    .returning({ id: apiTokens.id });
  const [created] = await tokenRows(userId, row.id);
  return { token, apiToken: presentApiToken(created) };
}

export async function listApiTokens(userId: string) {
  return (await tokenRows(userId)).map(presentApiToken);
}

function tokenRows(userId: string, tokenId?: string) {
  return db()
    .select({ token: apiTokens, projectName: projects.name })
    .from(apiTokens)
    .leftJoin(projects, eq(projects.id, apiTokens.projectId))
    .where(and(eq(apiTokens.userId, userId), tokenId ? eq(apiTokens.id, tokenId) : undefined))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(userId: string, tokenId: string) {
  const deleted = await db()
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id });
  if (!deleted.length) throw new NotFound("No such API token.");
}

export type TokenScope = { access: TokenAccess; projectId: string | null };

/**
 * The user a bearer token belongs to and the token's scope, or undefined (unknown, revoked or
 * expired). Lookup is by hash, so no comparison leaks timing.
 */
export async function userForApiToken(token: string) {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return undefined;
  const [row] = await db()
    .select({ id: users.id, email: users.email, name: users.name, access: apiTokens.access, projectId: apiTokens.projectId, tokenId: apiTokens.id, usedLately: usedLately() })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256Hex(token)), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`))));
  if (!row) return undefined;
  // "Last used" to the minute: a write on every request would queue a client's concurrent requests on
  // the token's row lock, each behind the previous commit's WAL flush (≈ 120 writes/s through the API).
  if (!row.usedLately) await db().update(apiTokens).set({ lastUsedAt: sql`now()` }).where(and(eq(apiTokens.id, row.tokenId), not(usedLately())));
  return { id: row.id, email: row.email, name: row.name, access: row.access, projectId: row.projectId };
}

const LAST_USED_RESOLUTION = sql.raw("interval '1 minute'");
const usedLately = () => sql<boolean>`coalesce(${apiTokens.lastUsedAt} > now() - ${LAST_USED_RESOLUTION}, false)`;

function presentApiToken({ token: row, projectName }: { token: typeof apiTokens.$inferSelect; projectName: string | null }) {
  return {
    id: row.id,
    name: row.name,
    hint: row.hint,
    access: row.access,
    project: row.projectId ? { id: row.projectId, name: projectName ?? "" } : null,
    expires_at: row.expiresAt?.toISOString() ?? null,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}
export type ApiTokenJson = ReturnType<typeof presentApiToken>;
