import { azureDevops } from "./azure-devops";
import { github } from "./github";
import { jira } from "./jira";
import type { ProviderAdapter } from "./normalized";

export type InboundProvider = "jira" | "github" | "azure_devops";

export const adapters: Record<InboundProvider, ProviderAdapter> = { github, jira, azure_devops: azureDevops };

export function isInboundProvider(p: string): p is InboundProvider {
  return p === "jira" || p === "github" || p === "azure_devops";
}
