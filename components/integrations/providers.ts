// Display names and setup copy for the issue trackers, shared by the Integrations page and the
// Inbound section of the Webhooks page.
export type IntegrationProvider = "jira" | "github" | "azure_devops" | "simple_url";
export type Integration = {
  provider: IntegrationProvider;
  config: Record<string, string>;
  /** The tracker API credential, never itself: whose it is and since when (null: none set). */
  credential: { account: string | null; set_at: string } | null;
  updated_at: string;
};

export const PROVIDER_LABELS: Record<IntegrationProvider, string> = {
  jira: "Jira",
  github: "GitHub",
  azure_devops: "Azure DevOps",
  simple_url: "Simple URL",
};

/** One line describing the configured target, e.g. "octo-org/web" or "acme.atlassian.net · QA". */
export function integrationTarget(i: Integration): string {
  switch (i.provider) {
    case "jira":
      return `${i.config.site_url?.replace(/^https:\/\//, "")} · ${i.config.project_key}`;
    case "github":
      return i.config.repository ?? "";
    case "azure_devops":
      return `${i.config.organization} / ${i.config.project}`;
    case "simple_url":
      return i.config.url_pattern ?? "";
  }
}
