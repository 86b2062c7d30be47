// Bounded, linear-time reading of the values a tracker sends (webhook bodies, headers, and the
// tracker API's responses): every string is capped before anything else looks at it, NUL, other
// control characters and lone surrogates never get through (PostgreSQL refuses NUL in text and
// lone surrogates in jsonb), dates must fall in a sane range, URLs must parse as http(s). No regex
// here runs on an unbounded string. Pure functions, shared by the webhook adapters and API clients.
import { z } from "zod";
import { ISSUE_LIMITS } from "@/lib/domain/issue-limits";
import { parseHttpUrl } from "@/lib/http/safe-url";

/**
 * What a tracker value may be at most once read; free text beyond these is cut, identifiers beyond
 * them refused. An issue's own fields take the issue's limits, so whatever is read fits a local issue.
 */
export const TRACKER_LIMITS = {
  title: ISSUE_LIMITS.title,
  label: ISSUE_LIMITS.label,
  labels: ISSUE_LIMITS.labels,
  assignee: ISSUE_LIMITS.assignee,
  key: ISSUE_LIMITS.key,
  url: ISSUE_LIMITS.url,
  deliveryId: 200,
  eventName: 100,
  reason: 300,
  /** An ISO-8601 timestamp is at most ~35 characters; anything longer is not one. */
  date: 40,
} as const;

/** Tracker timestamps outside [1990, 2200) are refused: no tracker issue is older, and PostgreSQL and Date disagree far out. */
export const TRACKER_DATE_RANGE = { from: Date.UTC(1990, 0, 1), to: Date.UTC(2200, 0, 1) } as const;

/** The largest value a PostgreSQL integer column (ADO ids and revisions) holds. */
export const MAX_INT4 = 2 ** 31 - 1;

function isHigh(c: number) {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number) {
  return c >= 0xdc00 && c <= 0xdfff;
}
/** C0 controls other than tab, LF and CR, and DEL: never meaningful in a title, label or name. */
function isDroppedControl(c: number) {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f;
}

/**
 * `value` without NUL, other control characters and lone surrogates, cut to at most `max` UTF-16
 * code units (never inside a surrogate pair). One pass that stops once `max` units are kept, so
 * the cost is bounded by `max` plus the characters dropped — linear in the input at worst.
 */
export function cleanText(value: string, max: number): string {
  let out = "";
  let runStart = 0; // start of the current run of kept characters, copied in one slice
  let kept = 0;
  let i = 0;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let width = 1;
    if (isHigh(c)) {
      if (i + 1 < value.length && isLow(value.charCodeAt(i + 1))) width = 2;
      else width = 0;
    } else if (isLow(c) || isDroppedControl(c)) width = 0;
    if (width === 0 || kept + width > max) {
      out += value.slice(runStart, i);
      if (width !== 0) return out; // full
      runStart = i + 1;
      continue;
    }
    kept += width;
    if (width === 2) i++;
  }
  return out + value.slice(runStart, i);
}

/** True when `value` is non-empty, at most `max` long and has nothing cleanText would drop. */
export function isCleanIdentifier(value: string, max: number): boolean {
  return value.length > 0 && value.length <= max && cleanText(value, max).length === value.length;
}

/** Free text: cleaned, cut, trimmed; null for non-strings and empty results. */
export function boundedText(value: unknown, max: number): string | null {
  if (typeof value !== "string") return null;
  return cleanText(value, max).trim() || null;
}

/**
 * A tracker timestamp: ISO-8601 date and time, optional fraction (any precision; Azure DevOps
 * sends 7 digits) and offset with or without a colon (Jira sends "+0100"); no offset means UTC.
 * Null when it is not one, or outside TRACKER_DATE_RANGE. The regex is anchored, has no nested or
 * overlapping quantifiers and runs on at most TRACKER_LIMITS.date characters.
 */
export function parseTrackerDate(value: string): Date | null {
  if (value.length > TRACKER_LIMITS.date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "0", frac = "", zone = "Z"] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Number((frac + "00").slice(0, 3));
  let time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 31 February over into March; a tracker never sends such a date.
  if (new Date(time).getUTCDate() !== day) return null;
  if (zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offH = Number(digits.slice(0, 2));
    const offM = Number(digits.slice(2, 4));
    if (offH > 14 || offM > 59) return null;
    time -= sign * (offH * 60 + offM) * 60_000;
  }
  return inDateRange(time) ? new Date(time) : null;
}

function inDateRange(time: number): boolean {
  return time >= TRACKER_DATE_RANGE.from && time < TRACKER_DATE_RANGE.to;
}

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A tracker's delivery id (X-GitHub-Delivery, X-Atlassian-Webhook-Identifier, ADO's body `id`):
 * absent is fine (dedupe falls back to the body's digest); anything but a short clean string is
 * refused, so it can neither bloat the dedupe index nor carry NUL into it.
 */
export function readDeliveryId(raw: unknown, source: string): Read<string | null> {
  if (raw === null || raw === undefined || raw === "") return { ok: true, value: null };
  if (typeof raw !== "string" || !isCleanIdentifier(raw, TRACKER_LIMITS.deliveryId)) {
    return { ok: false, message: `${source} must be text of at most ${TRACKER_LIMITS.deliveryId} characters without control characters` };
  }
  return { ok: true, value: raw };
}

/** An event name as recorded (from a header or the body): cleaned and cut; "unknown" when absent or not text. */
export function eventNameOf(raw: unknown): string {
  return boundedText(raw, TRACKER_LIMITS.eventName) ?? "unknown";
}

// ── zod pieces for the adapters' schemas: each caps before it looks ────────────────────────────

const dateMessage = "must be an ISO-8601 time between 1990 and 2200";

/** Free text (title, label, name): any string, cleaned and cut to `max`. */
export const zText = (max: number) => z.string().transform((s) => cleanText(s, max));

/** An identifier (key, repository, project): refused when empty, longer than `max` or with control characters. */
export const zIdentifier = (max: number) =>
  z.string().max(max).refine((s) => isCleanIdentifier(s, max), "must be a non-empty identifier without control characters");

/** A timestamp as parseTrackerDate reads it. */
export const zTrackerDate = z
  .string()
  .max(TRACKER_LIMITS.date, dateMessage)
  .transform((s, ctx) => {
    const date = parseTrackerDate(s);
    if (date) return date;
    ctx.addIssue({ code: "custom", message: dateMessage });
    return z.NEVER;
  });

/** Milliseconds since 1970 (Jira's `timestamp`) within TRACKER_DATE_RANGE. */
export const zEpochMs = z
  .number()
  .int()
  .min(TRACKER_DATE_RANGE.from, "must be a time between 1990 and 2200 in milliseconds since 1970")
  .max(TRACKER_DATE_RANGE.to, "must be a time between 1990 and 2200 in milliseconds since 1970");

/**
 * An absolute http(s) URL (the same check as an issue's link), normalized by the URL parser: what is
 * stored is its href, in which NUL, controls and spaces are percent-encoded.
 */
export function httpUrl(raw: string): string | null {
  return parseHttpUrl(raw, TRACKER_LIMITS.url)?.href ?? null;
}

export const zHttpUrl = z
  .string()
  .max(TRACKER_LIMITS.url, `must be at most ${TRACKER_LIMITS.url} characters`)
  .transform((s, ctx) => {
    const href = httpUrl(s);
    if (href) return href;
    ctx.addIssue({ code: "custom", message: "must be an absolute http(s) URL" });
    return z.NEVER;
  });

/** A positive id that fits PostgreSQL's integer (the sentinel ids are checked by their adapter). */
export const zInt4 = (min: number) => z.number().int().min(min).max(MAX_INT4);

/** A list read up to its first `max` items only: the rest is never looked at. */
export const zList = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => (Array.isArray(v) ? v.slice(0, max) : v), z.array(item));
