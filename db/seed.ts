// Demo data for a new local database: an admin, a member and a demo project with cases, two test
// runs (one completed with results), a session and a few issues. The domain data goes through the
// product's own functions, so the events table starts out with real emitted events.
// Runs only when SEED_DEMO is on (the default for `npm run dev`) and only on an empty database.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "./client";
import { projectMembers, projects } from "./schema";
import { createUser } from "@/lib/auth/users";
import { createCase } from "@/lib/domain/cases";
import { createIssue } from "@/lib/domain/issues";
import { addResult, changeRunState, completeRun, createRun } from "@/lib/domain/run-lifecycle";
import { SESSION } from "@/lib/domain/sessions";
import { TEST_RUN } from "@/lib/domain/test-runs";
import { newId } from "@/lib/ids";

export const DEMO_ADMIN = { email: "admin@example.com", password: "switchyard-admin", name: "Ada Admin" };
export const DEMO_MEMBER = { email: "member@example.com", password: "switchyard-member", name: "Max Member" };
export const DEMO_PROJECT_NAME = "Demo project";

const SEED_LOCK = 727_002;

export async function seedDemo(): Promise<void> {
  const created = await db().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [{ count }] = await tx.execute<{ count: number }>(sql`select count(*)::int as count from users`);
    if (count > 0) return undefined;
    const admin = await createUser(DEMO_ADMIN, tx);
    const member = await createUser(DEMO_MEMBER, tx);
    const [project] = await tx.insert(projects).values({ id: newId("prj"), name: DEMO_PROJECT_NAME, createdBy: admin.id }).returning();
    await tx.insert(projectMembers).values([
      { projectId: project.id, userId: admin.id, role: "admin" },
      { projectId: project.id, userId: member.id, role: "member" },
    ]);
    return { adminId: admin.id, memberId: member.id, projectId: project.id };
  });
  // Only the process that created the demo users goes on to fill the project.
  if (created) await seedDemoProject(created);
}

async function seedDemoProject({ adminId, memberId, projectId }: { adminId: string; memberId: string; projectId: string }) {
  const login = await createCase(adminId, projectId, { title: "Sign in with email and password", description: "Valid credentials land on the dashboard.", priority: "high" });
  const reset = await createCase(adminId, projectId, { title: "Reset a forgotten password", description: "The reset link arrives and works once.", priority: "medium" });
  const checkout = await createCase(memberId, projectId, { title: "Pay with a saved card", description: "", priority: "high" });
  await createCase(memberId, projectId, { title: "Export results as CSV", description: "", priority: "low" });

  const release = await createRun(TEST_RUN, adminId, projectId, { name: "Release 1.4 regression", git: { commit_sha: "9f8e7d6c5b4a", branch: "release/1.4" } });
  await changeRunState(TEST_RUN, projectId, release.id, "in_progress");
  await addResult(TEST_RUN, adminId, projectId, release.id, { status: "passed", case_id: login.id, comment: "" });
  await addResult(TEST_RUN, memberId, projectId, release.id, { status: "passed", case_id: reset.id, comment: "" });
  await addResult(TEST_RUN, memberId, projectId, release.id, { status: "failed", case_id: checkout.id, comment: "Card form times out after 30 s." });
  await completeRun(TEST_RUN, projectId, release.id);
  await createRun(TEST_RUN, memberId, projectId, { name: "Nightly smoke", git: { commit_sha: null, branch: "main" } });

  const session = await createRun(SESSION, memberId, projectId, { name: "Explore the new checkout", charter: "Find ways a saved card can fail to charge." });
  await changeRunState(SESSION, projectId, session.id, "in_progress");

  await createIssue(memberId, projectId, { title: "Card form times out after 30 s", labels: ["bug", "checkout"], state: "in_progress" });
  await createIssue(adminId, projectId, { title: "CSV export misses the comment column", labels: ["bug"] });
  await createIssue(adminId, projectId, { title: "Remember the last chosen project", labels: ["enhancement"], state: "closed" });
}
