// Azure DevOps Service Hooks ("Web Hooks" consumer): workitem.created|updated|deleted → normalized
// issue events. The event name and the delivery id are in the body (eventType, id).
// In workitem.updated the work item id is resource.workItemId (resource.id is the update's id) and
// the current values are in resource.revision.fields; resource.fields only holds the changes.
import { z } from "zod";
import { malformed, parseTrackerDate, type IssueState, type ProviderAdapter } from "./normalized";

/** ADO work item ids are positive, so -1 can only come from our own Send Test. */
export const ADO_SENTINEL_ID = -1;

export const EVENTS = new Set(["workitem.created", "workitem.updated", "workitem.deleted"]);

const fields = z.record(z.string(), z.unknown());
const links = z.object({ html: z.object({ href: z.string() }).optional() }).optional();

const workItemEvent = z.object({
  id: z.string().optional(),
  eventType: z.string(),
  resource: z.object({
    id: z.number().int(),
    workItemId: z.number().int().optional(),
    rev: z.number().int().optional(),
    fields,
    url: z.string().optional(),
    _links: links,
    revision: z.object({ id: z.number().int(), rev: z.number().int(), fields, url: z.string().optional(), _links: links }).optional(),
  }),
});

const CLOSED = new Set(["closed", "done", "resolved", "removed", "completed"]);
const IN_PROGRESS = new Set(["active", "committed", "in progress", "doing"]);

function stateOf(value: unknown): IssueState {
  const s = typeof value === "string" ? value.toLowerCase() : "";
  if (CLOSED.has(s)) return "closed";
  if (IN_PROGRESS.has(s)) return "in_progress";
  return "open";
}

/** System.AssignedTo is "Name <email>" in older payloads and an identity object in newer ones. */
function assigneeOf(value: unknown): string | null {
  if (typeof value === "string") return value.replace(/\s*<[^>]*>$/, "").trim() || null;
  if (value && typeof value === "object" && typeof (value as { displayName?: unknown }).displayName === "string") {
    return (value as { displayName: string }).displayName;
  }
  return null;
}

function tagsOf(value: unknown): string[] {
  return typeof value === "string" ? value.split(";").map((t) => t.trim()).filter(Boolean) : [];
}

function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function body<T>(b: unknown, key: string): T | undefined {
  return b && typeof b === "object" ? ((b as Record<string, unknown>)[key] as T) : undefined;
}

export const azureDevops: ProviderAdapter = {
  eventName: (b) => str(body(b, "eventType")) ?? "unknown",
  deliveryId: (b) => str(body(b, "id")),
  parse(b) {
    const name = str(body(b, "eventType")) ?? "unknown";
    if (!EVENTS.has(name)) return { kind: "ignored", eventName: name, reason: `not a work item event (${name})` };
    const parsed = workItemEvent.safeParse(b);
    if (!parsed.success) return malformed(name, parsed.error);
    const { resource } = parsed.data;
    const updated = name === "workitem.updated";
    if (updated && (!resource.revision || resource.workItemId === undefined)) {
      return { kind: "malformed", eventName: name, message: "resource.workItemId and resource.revision are required in workitem.updated" };
    }
    const id = updated ? resource.workItemId! : resource.id;
    const current = updated ? resource.revision!.fields : resource.fields;
    const rev = updated ? resource.revision!.rev : (resource.rev ?? null);
    return {
      kind: "issue",
      eventName: name,
      event: {
        action: name === "workitem.deleted" ? "delete" : "upsert",
        key: String(id),
        title: str(current["System.Title"]) ?? `Work item ${id}`,
        state: stateOf(current["System.State"]),
        url: resource._links?.html?.href ?? resource.revision?._links?.html?.href ?? resource.url ?? null,
        labels: tagsOf(current["System.Tags"]),
        assignee: assigneeOf(current["System.AssignedTo"]),
        updatedAt: parseTrackerDate(str(current["System.ChangedDate"])),
        rev,
        sentinel: id === ADO_SENTINEL_ID,
      },
    };
  },
};
