// Azure DevOps Service Hooks ("Web Hooks" consumer): workitem.created|updated|deleted → normalized
// issue events. The event name and the delivery id are in the body (eventType, id).
// In workitem.updated the work item id is resource.workItemId (resource.id is the update's id) and
// the current values are in resource.revision.fields; resource.fields only holds the changes.
import { z } from "zod";
import { boundedText, cleanText, eventNameOf, MAX_INT4, readDeliveryId, TRACKER_LIMITS, zHttpUrl, zIdentifier, zInt4, zTrackerDate } from "../bounded";
import { another, malformed, reasonWith, sameName, type IssueState, type ProviderAdapter } from "./normalized";

/** ADO work item ids are positive, so -1 can only come from our own Send Test. */
export const ADO_SENTINEL_ID = -1;

export const EVENTS = new Set(["workitem.created", "workitem.updated", "workitem.deleted"]);

const links = z.object({ html: z.object({ href: zHttpUrl }).optional() }).optional();

const workItemEvent = z.object({
  resource: z.object({
    id: z.number().int().min(ADO_SENTINEL_ID).max(MAX_INT4),
    workItemId: zInt4(1).optional(),
    rev: zInt4(0).optional(),
    fields: z.record(z.string(), z.unknown()),
    url: zHttpUrl.optional(),
    _links: links,
    revision: z.object({ rev: zInt4(0), fields: z.record(z.string(), z.unknown()), _links: links }).optional(),
  }),
});

/** The current values this adapter reads; free text is cut and cleaned, times and names are checked. */
const currentFields = z.object({
  "System.Title": z.unknown().optional(),
  "System.State": z.unknown().optional(),
  "System.Tags": z.unknown().optional(),
  "System.AssignedTo": z.unknown().optional(),
  "System.ChangedDate": zTrackerDate.nullish(),
  "System.TeamProject": zIdentifier(TRACKER_LIMITS.key).nullish(),
});

const CLOSED = new Set(["closed", "done", "resolved", "removed", "completed"]);
const IN_PROGRESS = new Set(["active", "committed", "in progress", "doing"]);

function stateOf(value: unknown): IssueState {
  const s = boundedText(value, 40)?.toLowerCase() ?? "";
  if (CLOSED.has(s)) return "closed";
  if (IN_PROGRESS.has(s)) return "in_progress";
  return "open";
}

/** The longest "<email>" suffix looked for (an address is at most 254 characters). */
const EMAIL_SUFFIX_MAX = 300;

/**
 * System.AssignedTo is "Name <email>" in older payloads and an identity object in newer ones.
 * The suffix is found by looking back from the end over a bounded tail: a regex did this before
 * and was quadratic in the length (a 40,000-character "<<<…" blocked the event loop for a second).
 */
function assigneeOf(value: unknown): string | null {
  if (typeof value === "string") {
    let name = value;
    if (value.endsWith(">")) {
      const tailStart = Math.max(0, value.length - EMAIL_SUFFIX_MAX);
      const open = value.slice(tailStart).lastIndexOf("<");
      if (open >= 0) name = value.slice(0, tailStart + open);
    }
    return boundedText(name, TRACKER_LIMITS.assignee);
  }
  if (value && typeof value === "object") return boundedText((value as { displayName?: unknown }).displayName, TRACKER_LIMITS.assignee);
  return null;
}

/** "a; b; c" → ["a", "b", "c"]: at most TRACKER_LIMITS.labels tags, each cut; one pass over the text. */
function tagsOf(value: unknown): string[] {
  if (typeof value !== "string") return [];
  const tags: string[] = [];
  for (let start = 0; start < value.length && tags.length < TRACKER_LIMITS.labels; ) {
    const semi = value.indexOf(";", start);
    const end = semi < 0 ? value.length : semi;
    const tag = cleanText(value.slice(start, Math.min(end, start + TRACKER_LIMITS.label * 4)), TRACKER_LIMITS.label * 2).trim();
    if (tag) tags.push(cleanText(tag, TRACKER_LIMITS.label));
    start = end + 1;
  }
  return tags;
}

/** The organization in an Azure DevOps Services URL (dev.azure.com/{org}/… or {org}.visualstudio.com); null for Server hosts. */
function organizationOf(url: string | null): string | null {
  if (!url) return null;
  const u = new URL(url);
  if (u.hostname === "dev.azure.com") return decodeURIComponent(u.pathname.split("/")[1] ?? "") || null;
  if (u.hostname.endsWith(".visualstudio.com")) return u.hostname.slice(0, -".visualstudio.com".length) || null;
  return null;
}

function eventTypeOf(body: unknown): unknown {
  return body && typeof body === "object" ? (body as { eventType?: unknown }).eventType : undefined;
}

export const azureDevops: ProviderAdapter = {
  eventName: (body) => eventNameOf(eventTypeOf(body)),
  deliveryId: (body) => readDeliveryId(body && typeof body === "object" ? (body as { id?: unknown }).id : undefined, "id"),
  parse(b) {
    const raw = eventTypeOf(b);
    const name = eventNameOf(raw);
    if (typeof raw !== "string" || !EVENTS.has(raw)) return { kind: "ignored", eventName: name, reason: reasonWith((n) => `not a work item event (${n})`, name) };
    const parsed = workItemEvent.safeParse(b);
    if (!parsed.success) return malformed(name, parsed.error);
    const { resource } = parsed.data;
    const updated = name === "workitem.updated";
    if (updated && (!resource.revision || resource.workItemId === undefined)) {
      return { kind: "malformed", eventName: name, message: "resource.workItemId and resource.revision are required in workitem.updated" };
    }
    const id = updated ? resource.workItemId! : resource.id;
    const fieldsPath = updated ? ["resource", "revision", "fields"] : ["resource", "fields"];
    const current = currentFields.safeParse(updated ? resource.revision!.fields : resource.fields);
    if (!current.success) return malformed(name, current.error, fieldsPath);
    const f = current.data;
    const url = resource._links?.html?.href ?? resource.revision?._links?.html?.href ?? resource.url ?? null;
    return {
      kind: "issue",
      eventName: name,
      event: {
        action: name === "workitem.deleted" ? "delete" : "upsert",
        key: String(id),
        title: boundedText(f["System.Title"], TRACKER_LIMITS.title) ?? `Work item ${id}`,
        state: stateOf(f["System.State"]),
        url,
        labels: tagsOf(f["System.Tags"]),
        assignee: assigneeOf(f["System.AssignedTo"]),
        updatedAt: f["System.ChangedDate"] ?? null,
        rev: updated ? resource.revision!.rev : (resource.rev ?? null),
        sentinel: id === ADO_SENTINEL_ID,
        scope: { project: f["System.TeamProject"] ?? null, organization: organizationOf(resource.url ?? url) },
      },
    };
  },
  outOfScope(event, config) {
    if (!sameName(event.scope.project, config.project)) return another("Azure DevOps project", event.scope.project);
    const org = event.scope.organization;
    return org && !sameName(org, config.organization) ? another("Azure DevOps organization", org) : null;
  },
};
