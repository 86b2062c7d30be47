// A tracker's REST API as reconciliation sees it: who the credential is, the issues changed since a
// time (page by page, oldest change first), and which linked issues no longer exist. Each adapter maps
// API objects through the webhook adapters of ../providers, whose shapes they share, so an issue reads
// the same whether it arrived by webhook or by sync.
import "server-only";
import type { InboundProvider } from "../providers";
import { azureDevopsTracker } from "./azure-devops";
import { githubTracker } from "./github";
import { jiraTracker } from "./jira";
import type { TrackerClient, TrackerCredential } from "./types";

export function trackerClient(provider: InboundProvider, config: Record<string, string>, credential: TrackerCredential): TrackerClient {
  switch (provider) {
    case "github":
      return githubTracker(config, credential);
    case "jira":
      return jiraTracker(config, credential);
    case "azure_devops":
      return azureDevopsTracker(config, credential);
  }
}
