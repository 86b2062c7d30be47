// Projects: any signed-in user can create one and becomes its admin.
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { projectMembers, projects } from "@/db/schema";
import { newId } from "@/lib/ids";
import { NotFound } from "@/lib/http/errors";

export type Project = typeof projects.$inferSelect;

export async function createProject(userId: string, name: string): Promise<Project> {
  return db().transaction(async (tx) => {
    const [project] = await tx.insert(projects).values({ id: newId("prj"), name, createdBy: userId }).returning();
    await tx.insert(projectMembers).values({ projectId: project.id, userId, role: "admin" });
    return project;
  });
}

export async function getProject(projectId: string): Promise<Project> {
  const [project] = await db().select().from(projects).where(eq(projects.id, projectId));
  if (!project) throw new NotFound("Project not found.");
  return project;
}
