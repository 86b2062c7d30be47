import { requireProjectRole } from "@/lib/auth/access";
import { addOrInvite, inviteInput, listInvitations, listInvitationsQuery } from "@/lib/domain/invitations";
import { json, NO_STORE, parseBody, parseQuery, route } from "@/lib/http/route";

export const GET = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  await requireProjectRole(req, projectId, "admin");
  return json(await listInvitations(projectId, parseQuery(req, listInvitationsQuery)));
});

/** An email with an account is added at once ({outcome: "added", member}); any other is invited ({outcome: "invited", invitation, link}). */
export const POST = route<{ projectId: string }>(async (req, { params }) => {
  const { projectId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  const input = await parseBody(req, inviteInput);
  // The link carries the only copy of the invitation's token.
  return json(await addOrInvite(actor, projectId, input), 201, NO_STORE);
});
