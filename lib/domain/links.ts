// Absolute links back to the app, for the `url` fields of event objects and API responses:
// a receiver (Slack, a CI job) must be able to open them without knowing where Switchyard runs.
import { env } from "@/lib/env";

export function appLink(...segments: string[]): string {
  return `${env().APP_URL.replace(/\/+$/, "")}/${segments.map(encodeURIComponent).join("/")}`;
}

export function projectLink(projectId: string, ...segments: string[]): string {
  return appLink("projects", projectId, ...segments);
}
