import { EVENTS as ADO_EVENTS, azureDevops } from "./azure-devops";
import { github, SYNCED_ACTIONS } from "./github";
import { EVENTS as JIRA_EVENTS, jira } from "./jira";
import type { ProviderAdapter } from "./normalized";

export type InboundProvider = "jira" | "github" | "azure_devops";

export const adapters: Record<InboundProvider, ProviderAdapter> = { github, jira, azure_devops: azureDevops };

export function isInboundProvider(p: string): p is InboundProvider {
  return p === "jira" || p === "github" || p === "azure_devops";
}

/** The event names of the receipts each tracker sends that Switchyard acts on (the Deliveries tab filters by them). */
export const INBOUND_EVENT_NAMES: Record<InboundProvider, readonly string[]> = {
  github: [...SYNCED_ACTIONS].map((action) => `issues.${action}`),
  jira: [...JIRA_EVENTS],
  azure_devops: [...ADO_EVENTS],
};
