"use client";
// Search, date range, direction, webhook, outcome and event type. Each change rewrites the URL (the
// filters' only home), so a filtered view can be bookmarked or shared. The outcome options are the
// badges' own names (outbound statuses, then inbound outcomes); the event options are the catalog's
// types and the inbound trackers' event names.
import { useEffect, useState, type FormEvent } from "react";
import { format } from "date-fns";
import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, type SelectOption } from "@/components/ui/select";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { INBOUND_EVENT_NAMES } from "@/lib/inbound/providers";
import { DELIVERY_STATE_FILTERS, INBOUND_OUTCOMES } from "@/lib/outbound/delivery-states";
import { STATE_BADGES } from "@/lib/webhooks/delivery-badge";
import { withFilter, type DeliveryFilters } from "@/lib/webhooks/delivery-filters";

// Radix Select has no empty value; "all" stands for "no filter".
const ALL = "all";
const isInbound = (s: string) => (INBOUND_OUTCOMES as readonly string[]).includes(s);
const STATUS_OPTIONS: SelectOption[] = [
  { value: ALL, label: "All outcomes" },
  ...DELIVERY_STATE_FILTERS.map((s) => ({ value: s, label: isInbound(s) ? `${STATE_BADGES[s].label} (inbound)` : STATE_BADGES[s].label })),
];
const EVENT_OPTIONS: SelectOption[] = [
  { value: ALL, label: "All events" },
  ...EVENT_TYPES.map((t) => ({ value: t, label: t })),
  ...[...new Set(Object.values(INBOUND_EVENT_NAMES).flat())].map((t) => ({ value: t, label: `${t} (inbound)` })),
];

/** datetime-local shows and takes local time; the URL and the API keep ISO instants. */
const toLocalInput = (iso: string | undefined) => (iso ? format(new Date(iso), "yyyy-MM-dd'T'HH:mm") : "");
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : "");

export function DeliveryFiltersBar({
  filters,
  webhooks,
  onChange,
}: {
  filters: DeliveryFilters;
  webhooks: SelectOption[];
  onChange: (next: DeliveryFilters) => void;
}) {
  const selects: { key: keyof DeliveryFilters; label: string; options: SelectOption[] }[] = [
    {
      key: "direction",
      label: "Direction",
      options: [
        { value: ALL, label: "All directions" },
        { value: "outbound", label: "Outbound" },
        { value: "inbound", label: "Inbound" },
      ],
    },
    { key: "webhook", label: "Webhook", options: [{ value: ALL, label: "All webhooks" }, ...webhooks] },
    { key: "status", label: "Outcome", options: STATUS_OPTIONS },
    { key: "event", label: "Event type", options: EVENT_OPTIONS },
  ];
  const active = Object.values(filters).some(Boolean);
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 items-end gap-3 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <SearchBox value={filters.q ?? ""} onSearch={(q) => onChange(withFilter(filters, "q", q))} />
        {(["from", "to"] as const).map((key) => (
          <div key={key} className="min-w-0 space-y-1">
            <Label htmlFor={`filter-${key}`}>{key === "from" ? "From" : "To"}</Label>
            <Input
              id={`filter-${key}`}
              type="datetime-local"
              value={toLocalInput(filters[key])}
              onChange={(e) => onChange(withFilter(filters, key, fromLocalInput(e.target.value)))}
            />
          </div>
        ))}
      </div>
      <div className="grid grid-cols-2 items-end gap-3 md:grid-cols-[repeat(4,minmax(0,1fr))_auto]">
        {selects.map((f) => (
          <div key={f.key} className="min-w-0 space-y-1">
            <Label htmlFor={`filter-${f.key}`}>{f.label}</Label>
            <Select
              id={`filter-${f.key}`}
              value={filters[f.key] ?? ALL}
              onValueChange={(v) => onChange(withFilter(filters, f.key, v === ALL ? "" : v))}
              options={
                // Keep a filter from a shared URL visible even when its webhook is no longer listed.
                filters[f.key] && !f.options.some((o) => o.value === filters[f.key])
                  ? [...f.options, { value: filters[f.key]!, label: filters[f.key]! }]
                  : f.options
              }
            />
          </div>
        ))}
        <Button variant="ghost" disabled={!active} onClick={() => onChange({})} className="col-span-2 md:col-span-1">
          Clear filters
        </Button>
      </div>
    </div>
  );
}

/** Searches on Enter or the button, not per keystroke: each search is one exact-id lookup. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  function submit(e: FormEvent) {
    e.preventDefault();
    onSearch(text.trim());
  }
  return (
    <form role="search" onSubmit={submit} className="col-span-2 min-w-0 space-y-1 md:col-span-1">
      <Label htmlFor="filter-q">Search</Label>
      <div className="flex gap-2">
        <Input
          id="filter-q"
          type="search"
          value={text}
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
          placeholder="Event id (webhook-id), delivery id or tracker delivery id"
          aria-describedby="filter-q-hint"
        />
        <Button type="submit" variant="secondary" aria-label="Search deliveries">
          <Search aria-hidden className="size-4" />
        </Button>
      </div>
      <p id="filter-q-hint" className="sr-only">
        Finds the delivery whose id, event id (the webhook-id header receivers see) or tracker delivery id is exactly this.
      </p>
    </form>
  );
}
