// Helpers for inbound tests: set an integration up, create its webhook and sign bodies the way
// each tracker does.
import { readFileSync } from "node:fs";
import path from "node:path";
import examples from "@octokit/webhooks-examples";
import { basicAuthorization, hubSignature } from "@/lib/inbound/signatures";
import { createInboundWebhook } from "@/lib/inbound/inbound-webhooks";
import { setIntegration, type IntegrationInput } from "@/lib/inbound/integrations";
import type { InboundProvider } from "@/lib/inbound/providers";

export const INTEGRATIONS: Record<InboundProvider, IntegrationInput> = {
  github: { provider: "github", repository: "Codertocat/Hello-World" },
  jira: { provider: "jira", site_url: "https://acme-test.atlassian.net", project_key: "QA" },
  azure_devops: { provider: "azure_devops", organization: "acme-test", project: "Checkout" },
};

export const ADO_CREDS = { username: "ado-service-hook", password: "correct-horse-battery" };

export async function withInboundWebhook(userId: string, projectId: string, provider: InboundProvider) {
  await setIntegration({ userId }, projectId, INTEGRATIONS[provider]);
  const created = await createInboundWebhook({ userId }, projectId, provider === "azure_devops" ? ADO_CREDS : {});
  const token = created.url.split("/api/webhooks/")[1];
  return { ...created, token, secret: "secret" in created ? created.secret : undefined };
}

export function githubExample(action: string): Record<string, any> {
  const list = examples as { name: string; examples: Record<string, any>[] }[];
  return structuredClone(list.find((e) => e.name === "issues")!.examples.find((e) => e.action === action)!);
}

export function trackerFixture(provider: "jira" | "ado", name: string): Record<string, any> {
  return JSON.parse(readFileSync(path.resolve("tests/fixtures/trackers", provider, name), "utf8"));
}

/** The headers a tracker sends with `body`, signed with `secret` (or Basic credentials for ADO). */
export function trackerHeaders(
  provider: InboundProvider,
  body: string,
  opts: { secret?: string; deliveryId?: string; event?: string; creds?: { username: string; password: string } } = {},
): Record<string, string> {
  switch (provider) {
    case "github":
      return {
        "x-github-event": opts.event ?? "issues",
        "x-github-delivery": opts.deliveryId ?? crypto.randomUUID(),
        ...(opts.secret ? { "x-hub-signature-256": hubSignature(opts.secret, body) } : {}),
      };
    case "jira":
      return {
        "x-atlassian-webhook-identifier": opts.deliveryId ?? crypto.randomUUID(),
        ...(opts.secret ? { "x-hub-signature": hubSignature(opts.secret, body) } : {}),
      };
    case "azure_devops":
      return opts.creds ? { authorization: basicAuthorization(opts.creds.username, opts.creds.password) } : {};
  }
}
