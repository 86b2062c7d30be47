// Steps shared by the inbound specs: configure an integration through the API and post events
// signed exactly as GitHub signs them.
import { createHmac, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { expect, type APIRequestContext } from "@playwright/test";

// Playwright loads specs as ES modules, where a JSON package needs require() (or import attributes).
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as { name: string; examples: Record<string, any>[] }[];

export async function setIntegration(request: APIRequestContext, projectId: string, body: Record<string, string>) {
  const res = await request.put(`/api/v1/projects/${projectId}/integration`, { data: body });
  expect(res.status(), await res.text()).toBe(200);
}

export async function createInbound(request: APIRequestContext, projectId: string, body: object = {}) {
  const res = await request.post(`/api/v1/projects/${projectId}/webhooks/inbound`, { data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { url: string; secret?: string; username?: string };
}

/** A GitHub `issues` event for issue #number of Codertocat/Hello-World with the given values. */
export function githubIssueEvent(action: string, number: number, values: { title: string; state?: "open" | "closed"; updatedAt?: Date; labels?: string[] }) {
  const base = structuredClone(examples.find((e) => e.name === "issues")!.examples.find((e) => e.action === "opened")!);
  base.action = action;
  base.issue.number = number;
  base.issue.title = values.title;
  base.issue.state = values.state ?? "open";
  base.issue.labels = (values.labels ?? []).map((name, i) => ({ id: i + 1, name, color: "d73a4a", default: false }));
  base.issue.updated_at = (values.updatedAt ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
  base.issue.html_url = `https://github.com/Codertocat/Hello-World/issues/${number}`;
  return JSON.stringify(base);
}

/** POSTs the bytes with GitHub's headers (X-Hub-Signature-256 over the raw body). */
export async function postGithub(url: string, body: string, secret: string, event = "issues") {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
    body,
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as { outcome?: string } | null };
}
