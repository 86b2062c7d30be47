// Access for pages (server components), same rules as the API: anonymous → sign-in,
// not a member → 404, member where admin is needed → the caller shows an "admins only" page.
import "server-only";
import { notFound, redirect } from "next/navigation";
import { projectRole, type Role } from "./access";
import { auth } from "./config";

export type PageActor = { userId: string; email: string; name: string };

export async function requirePageUser(callbackPath = "/projects"): Promise<PageActor> {
  const session = await auth();
  const u = session?.user;
  if (!u?.id) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return { userId: u.id, email: u.email ?? "", name: u.name ?? "" };
}

/** The signed-in user's role in the project; anonymous users are sent to sign in, outsiders get a 404. */
export async function requirePageMember(projectId: string, callbackPath: string): Promise<PageActor & { role: Role }> {
  const user = await requirePageUser(callbackPath);
  const role = await projectRole(projectId, user.userId);
  if (!role) notFound();
  return { ...user, role };
}
