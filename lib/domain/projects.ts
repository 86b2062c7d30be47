// Projects: any signed-in user can create one and becomes its admin; admins rename it.
import "server-only";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { projectMembers, projects } from "@/db/schema";
import { newId } from "@/lib/ids";
import { NotFound } from "@/lib/http/errors";
import { iso } from "./iso";
import { projectLink } from "./links";

export type Project = typeof projects.$inferSelect;
export type Role = "admin" | "member";

export const projectName = z.string().trim().min(1, "Give the project a name.").max(100, "Keep the name under 100 characters.");
export const createProjectInput = z.object({ name: projectName });
export const renameProjectInput = z.object({ name: projectName });

export function presentProject(project: Project, role?: Role) {
  return {
    id: project.id,
    name: project.name,
    url: projectLink(project.id),
    ...(role ? { role } : {}),
    created_at: iso(project.createdAt),
    updated_at: iso(project.updatedAt),
  };
}

export async function createProject(userId: string, name: string): Promise<Project> {
  return db().transaction(async (tx) => {
    const [project] = await tx.insert(projects).values({ id: newId("prj"), name, createdBy: userId }).returning();
    await tx.insert(projectMembers).values({ projectId: project.id, userId, role: "admin" });
    return project;
  });
}

export async function getProject(projectId: string, ex: Executor = db()): Promise<Project> {
  const [project] = await ex.select().from(projects).where(eq(projects.id, projectId));
  if (!project) throw new NotFound("Project not found.");
  return project;
}

/** The projects the user belongs to, with their role in each, by name. */
export async function listMyProjects(userId: string): Promise<Array<{ project: Project; role: Role }>> {
  return db()
    .select({ project: projects, role: projectMembers.role })
    .from(projectMembers)
    .innerJoin(projects, eq(projects.id, projectMembers.projectId))
    .where(eq(projectMembers.userId, userId))
    .orderBy(asc(projects.name), asc(projects.id));
}

export async function renameProject(projectId: string, name: string): Promise<Project> {
  const [project] = await db().update(projects).set({ name, updatedAt: new Date() }).where(eq(projects.id, projectId)).returning();
  if (!project) throw new NotFound("Project not found.");
  return project;
}
