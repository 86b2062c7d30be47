import { requireProjectRole } from "@/lib/auth/access";
import { revokeInvitation } from "@/lib/domain/invitations";
import { route } from "@/lib/http/route";

type Params = { projectId: string; invitationId: string };

export const DELETE = route<Params>(async (req, { params }) => {
  const { projectId, invitationId } = await params;
  const actor = await requireProjectRole(req, projectId, "admin");
  await revokeInvitation(actor, projectId, invitationId);
  return new Response(null, { status: 204 });
});
