// The Members page's API shapes, taken from the presenters so client and server cannot drift.
import type { InvitationJson } from "@/lib/domain/invitations";
import type { MemberJson } from "@/lib/domain/members";
import type { Role } from "@/lib/domain/projects";

export type { Role };
export type ApiMember = MemberJson;
export type ApiInvitation = InvitationJson;
/** The API's first pages, as the server rendered them. */
export type MembersPage = { items: ApiMember[]; next_cursor: string | null };
export type InvitationsPage = { items: ApiInvitation[]; next_cursor: string | null };

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", member: "Member" };
export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((value) => ({ value, label: ROLE_LABELS[value] }));
