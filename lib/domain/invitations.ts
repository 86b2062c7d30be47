// Invitations: an admin adds an email that has no account yet; the invitee opens the link (shown to
// the admin once), sets a name and a password, and joins the project with the chosen role.
// Only the SHA-256 of the link's token is stored. The token is "<invitation id>.<secret>", so the
// row is found by its id and the hash compared in constant time.
import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor, type Tx } from "@/db/client";
import { invitations, projects, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import type { Actor } from "@/lib/auth/access";
import { createUser, findUserByEmail } from "@/lib/auth/users";
import { safeEqual, sha256Hex } from "@/lib/crypto/tokens";
import { Conflict, Forbidden, NotFound } from "@/lib/http/errors";
import { decodeCursor, pageQuery, toPage } from "@/lib/http/keyset";
import { newId } from "@/lib/ids";
import { INVITATION_TTL_DAYS } from "./invitation-policy";
import { iso } from "./iso";
import { appLink } from "./links";
import { addExistingUser, addMemberInput, insertMember, type MemberJson } from "./members";
import type { Role } from "./projects";

export const inviteInput = addMemberInput;
export const listInvitationsQuery = pageQuery;
export const acceptInvitationInput = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Keep your name under 100 characters."),
  password: z.string().min(8, "Use at least 8 characters.").max(200, "Use at most 200 characters."),
});

const MAX_TOKEN_LENGTH = 200;
const open = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

type InvitationRow = typeof invitations.$inferSelect & { invitedByName: string | null; expired: boolean };

export function presentInvitation(i: InvitationRow) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    status: i.expired ? ("expired" as const) : ("pending" as const),
    invited_by: i.invitedBy ? { user_id: i.invitedBy, name: i.invitedByName } : null,
    created_at: iso(i.createdAt),
    expires_at: iso(i.expiresAt),
  };
}
export type InvitationJson = ReturnType<typeof presentInvitation>;

export type AddOrInviteResult = { outcome: "added"; member: MemberJson } | { outcome: "invited"; invitation: InvitationJson; link: string };

/**
 * Adds the email as a member when it has an account; otherwise invites it, replacing any open
 * invitation of the same email (its link stops working: the admin may have lost it).
 */
export async function addOrInvite(actor: Actor, projectId: string, input: z.infer<typeof inviteInput>): Promise<AddOrInviteResult> {
  return db().transaction(async (tx) => {
    const user = await findUserByEmail(input.email, tx);
    if (user) return { outcome: "added", member: await addExistingUser(tx, actor, projectId, user, input.role) };

    const replaced = await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(invitations.projectId, projectId), eq(invitations.email, input.email), open))
      .returning({ id: invitations.id });
    const id = newId("inv");
    const token = `${id}.${randomBytes(32).toString("base64url")}`;
    const [row] = await tx
      .insert(invitations)
      .values({ id, projectId, email: input.email, role: input.role, tokenHash: sha256Hex(token), invitedBy: actor.userId, expiresAt: sql`now() + make_interval(days => ${INVITATION_TTL_DAYS})` })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new Conflict(`${input.email} was invited a moment ago. Reload to see the invitation.`);
    await writeAudit(tx, [
      ...replaced.map((r) => ({ projectId, actorId: actor.userId, action: "invitation.revoked", targetId: r.id, details: { reason: "replaced by a new invitation" } })),
      { projectId, actorId: actor.userId, action: "invitation.created", targetId: id, details: { role: input.role } },
    ]);
    return { outcome: "invited", invitation: presentInvitation({ ...row, invitedByName: actor.name, expired: false }), link: invitationLink(token) };
  });
}

export function invitationLink(token: string): string {
  return appLink("invite", token);
}

const invitationColumns = { invitation: invitations, invitedByName: users.name, expired: sql<boolean>`${invitations.expiresAt} <= now()` };

/** Open invitations (pending or expired, not yet accepted or revoked), newest first. */
export async function listInvitations(projectId: string, q: z.infer<typeof listInvitationsQuery>) {
  const where = [eq(invitations.projectId, projectId), open];
  if (q.cursor) where.push(lt(invitations.id, decodeCursor(q.cursor, ["string"])[0]));
  const rows = await db()
    .select(invitationColumns)
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(...where))
    .orderBy(desc(invitations.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => [r.invitation.id], (r) => presentInvitation({ ...r.invitation, invitedByName: r.invitedByName, expired: r.expired }));
}

export async function revokeInvitation(actor: Actor, projectId: string, invitationId: string): Promise<void> {
  await db().transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(invitations.id, invitationId), eq(invitations.projectId, projectId), open))
      .returning({ id: invitations.id });
    if (!row) throw new NotFound("There is no open invitation with this id.");
    await writeAudit(tx, { projectId, actorId: actor.userId, action: "invitation.revoked", targetId: row.id });
  });
}

// ── The invitee's side: the public /invite/{token} page ─────────────────────

export type InvitationState =
  | { state: "open"; email: string; role: Role; projectName: string; accountExists: boolean }
  | { state: "invalid" | "expired" | "revoked" | "accepted" };

/** Plain words for every state but "open", shown on the invite page instead of the form. */
export const INVITATION_REFUSALS: Record<Exclude<InvitationState["state"], "open">, string> = {
  invalid: "This invitation link is not valid. Check that you copied all of it, or ask the admin who invited you for a new one.",
  expired: `This invitation has expired (links work for ${INVITATION_TTL_DAYS} days). Ask the admin who invited you for a new one.`,
  revoked: "This invitation was withdrawn. Ask the admin who invited you for a new one.",
  accepted: "This invitation has already been used. Sign in to open the project.",
};

/** Finds the invitation a token names and checks the token against its hash in constant time. */
async function findByToken(ex: Executor, token: string, lock: boolean) {
  const id = token.length <= MAX_TOKEN_LENGTH ? token.split(".")[0] : "";
  if (!/^inv_[0-9a-z]+$/.test(id)) return undefined;
  const query = ex
    .select({ ...invitationColumns, projectName: projects.name })
    .from(invitations)
    .innerJoin(projects, eq(projects.id, invitations.projectId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.id, id));
  const [row] = lock ? await query.for("update", { of: invitations }) : await query;
  return row && safeEqual(sha256Hex(token), row.invitation.tokenHash) ? row : undefined;
}

function stateOf(row: Awaited<ReturnType<typeof findByToken>>): InvitationState["state"] {
  if (!row) return "invalid";
  if (row.invitation.acceptedAt) return "accepted";
  if (row.invitation.revokedAt) return "revoked";
  return row.expired ? "expired" : "open";
}

export async function invitationState(token: string): Promise<InvitationState> {
  const row = await findByToken(db(), token, false);
  const state = stateOf(row);
  if (state !== "open" || !row) return { state: state === "open" ? "invalid" : state };
  const accountExists = !!(await findUserByEmail(row.invitation.email));
  return { state, email: row.invitation.email, role: row.invitation.role, projectName: row.projectName, accountExists };
}

/**
 * Creates the invitee's account, adds it to the project with the invited role and marks the
 * invitation used, in one transaction (the row is locked: a link works once even if sent twice).
 */
export async function acceptInvitation(token: string, input: z.infer<typeof acceptInvitationInput>): Promise<{ projectId: string; email: string }> {
  return claimInvitation(token, async (tx, invitation) => {
    if (await findUserByEmail(invitation.email, tx)) {
      throw new Conflict(`An account for ${invitation.email} already exists. Sign in with it and open the link again to join.`);
    }
    return createUser({ email: invitation.email, name: input.name, password: input.password }, tx);
  });
}

/**
 * Joins with the account the invitation's email already has (created after the invitation was
 * sent), for its signed-in owner only.
 */
export async function acceptInvitationAs(token: string, actor: Actor): Promise<{ projectId: string; email: string }> {
  return claimInvitation(token, async (tx, invitation) => {
    const user = await findUserByEmail(invitation.email, tx);
    if (!user || user.id !== actor.userId) throw new Forbidden(`This invitation is for ${invitation.email}. Sign in with that account to accept it.`);
    return user;
  });
}

async function claimInvitation(
  token: string,
  account: (tx: Tx, invitation: typeof invitations.$inferSelect) => Promise<{ id: string; email: string; name: string }>,
): Promise<{ projectId: string; email: string }> {
  return db().transaction(async (tx) => {
    const row = await findByToken(tx, token, true);
    const state = stateOf(row);
    if (state !== "open" || !row) throw new NotFound(INVITATION_REFUSALS[state === "open" ? "invalid" : state]);
    const { invitation } = row;
    const user = await account(tx, invitation);
    await tx.update(invitations).set({ acceptedAt: sql`now()`, acceptedBy: user.id }).where(eq(invitations.id, invitation.id));
    await insertMember(tx, invitation.projectId, user, invitation.role);
    await writeAudit(tx, { projectId: invitation.projectId, actorId: user.id, action: "invitation.accepted", targetId: invitation.id, details: { user_id: user.id, role: invitation.role } });
    return { projectId: invitation.projectId, email: user.email };
  });
}
