// Outbound test set-up through the product's own functions: webhooks via the API handlers,
// events via emit() in a transaction, as a domain write would.
import { db } from "@/db/client";
import { emit } from "@/lib/events/emit";
import { POST as createWebhookRoute } from "@/app/api/v1/projects/[projectId]/webhooks/outbound/route";
import { call } from "./factories";

type Project = { id: string; name: string };

export async function createWebhook(project: Project, token: string, body: Record<string, unknown>) {
  const res = await call(createWebhookRoute, { method: "POST", params: { projectId: project.id }, token, body });
  if (res.status !== 201) throw new Error(`create webhook failed: ${res.status} ${res.text}`);
  return res.json as { webhook: { id: string } & Record<string, unknown>; secret: string | null };
}

let seq = 0;
/** Emits `count` case.created events in one transaction, like a bulk domain write. */
export async function emitCaseCreated(project: Project, count = 1): Promise<string[]> {
  const now = new Date().toISOString();
  return db().transaction(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const n = ++seq;
      const e = await emit(tx, project, "case.created", {
        case: { id: `case_t${n}`, title: `Case ${n}`, description: "", priority: "medium", url: `/projects/${project.id}/cases/case_t${n}`, created_at: now, updated_at: now },
      });
      ids.push(e.id);
    }
    return ids;
  });
}
