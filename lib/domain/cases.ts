// Test cases: create, update, delete. Every write emits its catalog event in the same transaction.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { cases } from "@/db/schema";
import { emit } from "@/lib/events/emit";
import type { Page, PageParams } from "@/lib/http/cursor";
import { NotFound } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { iso } from "./iso";
import { listPage } from "./keyset";
import { projectLink } from "./links";
import { getProject } from "./projects";

export type Case = typeof cases.$inferSelect;

const caseFields = {
  title: z.string().trim().min(1, "Give the case a title.").max(200, "Keep the title under 200 characters."),
  description: z.string().max(10_000, "Keep the description under 10,000 characters."),
  priority: z.enum(["low", "medium", "high"], "Choose low, medium or high."),
};
export const createCaseInput = z.object({
  title: caseFields.title,
  description: caseFields.description.default(""),
  priority: caseFields.priority.default("medium"),
});
// No defaults here: a PATCH changes only the fields it sends.
export const updateCaseInput = z
  .object(caseFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Send at least one of title, description, priority.");

export function presentCase(row: Case) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    priority: row.priority as "low" | "medium" | "high",
    url: projectLink(row.projectId, "cases", row.id),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

/** One keyset page of the project's cases, newest first. */
export async function listCases(projectId: string, page: PageParams): Promise<Page<Case>> {
  return listPage(cases, projectId, page);
}

/** Every case of the project by title, for the case picker of a run (ids and titles only). */
export async function caseChoices(projectId: string): Promise<Array<{ id: string; title: string }>> {
  return db().select({ id: cases.id, title: cases.title }).from(cases).where(eq(cases.projectId, projectId)).orderBy(asc(cases.title), asc(cases.id));
}

export async function getCase(projectId: string, caseId: string): Promise<Case> {
  const [row] = await db().select().from(cases).where(and(eq(cases.projectId, projectId), eq(cases.id, caseId)));
  if (!row) throw new NotFound("Case not found.");
  return row;
}

export async function createCase(actorId: string, projectId: string, input: z.infer<typeof createCaseInput>): Promise<Case> {
  return db().transaction(async (tx) => {
    const project = await getProject(projectId, tx);
    const [row] = await tx.insert(cases).values({ id: newId("case"), projectId, createdBy: actorId, ...input }).returning();
    await emit(tx, project, "case.created", { case: presentCase(row) });
    return row;
  });
}

export async function updateCase(projectId: string, caseId: string, input: z.infer<typeof updateCaseInput>): Promise<Case> {
  return db().transaction(async (tx) => {
    const project = await getProject(projectId, tx);
    const [row] = await tx
      .update(cases)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(cases.projectId, projectId), eq(cases.id, caseId)))
      .returning();
    if (!row) throw new NotFound("Case not found.");
    await emit(tx, project, "case.updated", { case: presentCase(row) });
    return row;
  });
}

export async function deleteCase(projectId: string, caseId: string): Promise<Case> {
  return db().transaction(async (tx) => {
    const project = await getProject(projectId, tx);
    const [row] = await tx.delete(cases).where(and(eq(cases.projectId, projectId), eq(cases.id, caseId))).returning();
    if (!row) throw new NotFound("Case not found.");
    await emit(tx, project, "case.deleted", { case: presentCase(row) });
    return row;
  });
}
