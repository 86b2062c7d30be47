// Demo data for a new local database: an admin, a member and a demo project.
// Runs only when SEED_DEMO is on (the default for `npm run dev`) and only on an empty database.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "./client";
import { projectMembers, projects } from "./schema";
import { createUser } from "@/lib/auth/users";
import { newId } from "@/lib/ids";

export const DEMO_ADMIN = { email: "admin@example.com", password: "switchyard-admin", name: "Ada Admin" };
export const DEMO_MEMBER = { email: "member@example.com", password: "switchyard-member", name: "Max Member" };
export const DEMO_PROJECT_NAME = "Demo project";

const SEED_LOCK = 727_002;

export async function seedDemo(): Promise<void> {
  await db().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [{ count }] = await tx.execute<{ count: number }>(sql`select count(*)::int as count from users`);
    if (count > 0) return;
    const admin = await createUser(DEMO_ADMIN, tx);
    const member = await createUser(DEMO_MEMBER, tx);
    const [project] = await tx.insert(projects).values({ id: newId("prj"), name: DEMO_PROJECT_NAME, createdBy: admin.id }).returning();
    await tx.insert(projectMembers).values([
      { projectId: project.id, userId: admin.id, role: "admin" },
      { projectId: project.id, userId: member.id, role: "member" },
    ]);
  });
}
