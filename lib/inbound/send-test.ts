// Send Test (inbound): a tracker-shaped event, signed or authenticated exactly as the tracker
// would, run through the project's own receipt pipeline. Its identifiers (GitHub issue #0, Jira
// SWITCHYARD-0, ADO work item -1) are ones no tracker produces, so the receiver answers 200
// "synthetic" without touching any issue, and the receipt shows up in Deliveries.
//
// The URL token is stored only as a hash, so the test cannot address the public URL; it enters
// the pipeline right after the token lookup, with the same bytes and headers a tracker would send.
import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { issueIntegrations } from "@/db/schema";
import { env } from "@/lib/env";
import { requireReceivingWebhook, type ReceivingWebhook } from "./inbound-webhooks";
import { ADO_SENTINEL_ID } from "./providers/azure-devops";
import { GITHUB_SENTINEL_NUMBER } from "./providers/github";
import { JIRA_SENTINEL_KEY } from "./providers/jira";
import { receiveFor } from "./receipt";
import { basicAuthorization, hubSignature } from "./signatures";

export type TestRequest = { body: string; headers: Record<string, string> };

/** The request a tracker would send for a freshly created issue, with sentinel ids. Pure. */
export function sentinelRequest(webhook: Pick<ReceivingWebhook, "provider" | "secret" | "basic">, config: Record<string, string>, now = new Date()): TestRequest {
  const deliveryId = `switchyard-test-${randomUUID()}`;
  const title = "Switchyard test event — safe to ignore";
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "Switchyard-SendTest" };
  if (webhook.provider === "github") {
    const repo = config.repository ?? "switchyard/send-test";
    const body = JSON.stringify({
      action: "opened",
      issue: {
        number: GITHUB_SENTINEL_NUMBER, title, state: "open", labels: [], assignee: null,
        html_url: `https://github.com/${repo}/issues/${GITHUB_SENTINEL_NUMBER}`, created_at: now.toISOString(), updated_at: now.toISOString(),
      },
      repository: { full_name: repo },
      sender: { login: "switchyard-send-test" },
    });
    return { body, headers: { ...headers, "x-github-event": "issues", "x-github-delivery": deliveryId, "x-hub-signature-256": hubSignature(webhook.secret ?? "", body) } };
  }
  if (webhook.provider === "jira") {
    const site = config.site_url ?? "https://switchyard-send-test.atlassian.net";
    const body = JSON.stringify({
      timestamp: now.getTime(),
      webhookEvent: "jira:issue_created",
      issue_event_type_name: "issue_created",
      issue: {
        id: "0", key: JIRA_SENTINEL_KEY, self: `${site}/rest/api/2/issue/0`,
        fields: { summary: title, labels: [], assignee: null, updated: now.toISOString(), status: { name: "To Do", statusCategory: { key: "new" } } },
      },
    });
    return { body, headers: { ...headers, "x-atlassian-webhook-identifier": deliveryId, "x-hub-signature": hubSignature(webhook.secret ?? "", body) } };
  }
  const body = JSON.stringify({
    id: deliveryId,
    eventType: "workitem.created",
    publisherId: "tfs",
    message: { text: `Work item ${ADO_SENTINEL_ID} created by Switchyard Send Test.` },
    resource: {
      id: ADO_SENTINEL_ID, rev: 1,
      fields: { "System.Title": title, "System.State": "New", "System.ChangedDate": now.toISOString(), "System.TeamProject": config.project ?? "SendTest" },
    },
    createdDate: now.toISOString(),
  });
  const auth = webhook.basic ? basicAuthorization(webhook.basic.username, webhook.basic.password) : "";
  return { body, headers: { ...headers, authorization: auth } };
}

export async function sendInboundTest(projectId: string) {
  const webhook = await requireReceivingWebhook(projectId);
  const [integration] = await db().select().from(issueIntegrations).where(eq(issueIntegrations.projectId, projectId));
  const { body, headers } = sentinelRequest(webhook, (integration?.config ?? {}) as Record<string, string>);
  const url = `${env().APP_URL.replace(/\/$/, "")}/api/webhooks/send-test`;
  const r = await receiveFor(webhook, new Request(url, { method: "POST", headers, body }));
  return { status: r.status, outcome: r.outcome ?? "rejected", delivery_id: r.deliveryId, detail: r.detail };
}
