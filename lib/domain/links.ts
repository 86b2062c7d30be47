// Absolute links back to the app, for the `url` fields of event objects and API responses:
// a receiver (Slack, a CI job) must be able to open them without knowing where Switchyard runs.
import { env } from "@/lib/env";

export function appLink(...segments: string[]): string {
  return `${env().APP_URL.replace(/\/+$/, "")}/${segments.map(encodeURIComponent).join("/")}`;
}

export function projectLink(projectId: string, ...segments: string[]): string {
  return appLink("projects", projectId, ...segments);
}

/** Longest outside link kept on an issue. */
export const MAX_LINK_LENGTH = 2000;

/**
 * An outside link (an issue's tracker URL) that a page may render as an href: absolute http(s) only,
 * fully parsed; `javascript:`, `data:`, `vbscript:` and anything unparseable → null.
 */
export function httpLink(raw: string | null | undefined): string | null {
  if (!raw || raw.length > MAX_LINK_LENGTH) return null;
  try {
    const url = new URL(raw);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname ? raw : null;
  } catch {
    return null;
  }
}
