// The Deliveries tab's filters live in the URL so a filtered view can be shared; this module is
// the one translation between search params, the API query string and the filter object.
import { DELIVERY_STATE_FILTERS, type DeliveryStateFilter } from "@/lib/outbound/delivery-states";

export const DIRECTIONS = ["outbound", "inbound"] as const;
const MAX_SEARCH = 200;

export type DeliveryFilters = {
  direction?: (typeof DIRECTIONS)[number];
  webhook?: string;
  /** An outbound status or an inbound outcome: the value behind each badge. */
  status?: DeliveryStateFilter;
  event?: string;
  /** Search: an event id (= webhook-id), a delivery id or a tracker's delivery id. */
  q?: string;
  /** ISO instants bounding created_at. */
  from?: string;
  to?: string;
};

export const FILTER_KEYS = ["direction", "webhook", "status", "event", "q", "from", "to"] as const satisfies readonly (keyof DeliveryFilters)[];

type ParamSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function read(source: ParamSource, key: string): string | undefined {
  const raw = typeof source.get === "function" ? (source as URLSearchParams).get(key) : (source as Record<string, unknown>)[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

function instant(value: string | undefined): string | undefined {
  const at = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/** Filters from a page's search params; unknown or malformed values are dropped, not trusted. */
export function filtersFromParams(source: ParamSource): DeliveryFilters {
  const filters: DeliveryFilters = {
    direction: oneOf(DIRECTIONS, read(source, "direction")),
    webhook: read(source, "webhook"),
    status: oneOf(DELIVERY_STATE_FILTERS, read(source, "status")),
    event: read(source, "event"),
    q: read(source, "q")?.slice(0, MAX_SEARCH),
    from: instant(read(source, "from")),
    to: instant(read(source, "to")),
  };
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as DeliveryFilters;
}

/** The query string for both the page URL and the API call (stable key order, empty values left out). */
export function filtersToQuery(filters: DeliveryFilters, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** A copy of the filters with one key set (or cleared with an empty value). */
export function withFilter(filters: DeliveryFilters, key: keyof DeliveryFilters, value: string): DeliveryFilters {
  return filtersFromParams({ ...filters, [key]: value });
}
