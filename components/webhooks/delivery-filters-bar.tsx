"use client";
// Direction, webhook, outcome and event type filters. Each change rewrites the URL (the filters'
// only home), so a filtered view can be bookmarked or shared.
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, type SelectOption } from "@/components/ui/select";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { DELIVERY_STATUSES, withFilter, type DeliveryFilters } from "@/lib/webhooks/delivery-filters";

// Radix Select has no empty value; "all" stands for "no filter".
const ALL = "all";
const STATUS_LABELS: Record<(typeof DELIVERY_STATUSES)[number], string> = {
  pending: "Pending",
  delivering: "Delivering",
  succeeded: "Succeeded",
  failed: "Retrying",
  dead: "Dead",
  paused: "Parked",
};

export function DeliveryFiltersBar({
  filters,
  webhooks,
  onChange,
}: {
  filters: DeliveryFilters;
  webhooks: SelectOption[];
  onChange: (next: DeliveryFilters) => void;
}) {
  const fields: { key: keyof DeliveryFilters; label: string; options: SelectOption[] }[] = [
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
    {
      key: "status",
      label: "Outcome",
      options: [{ value: ALL, label: "All outcomes" }, ...DELIVERY_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))],
    },
    { key: "event", label: "Event type", options: [{ value: ALL, label: "All events" }, ...EVENT_TYPES.map((t) => ({ value: t, label: t }))] },
  ];
  const active = Object.values(filters).some(Boolean);
  return (
    <div className="grid grid-cols-2 items-end gap-3 md:grid-cols-[repeat(4,minmax(0,1fr))_auto]">
      {fields.map((f) => (
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
      <Button
        variant="ghost"
        disabled={!active}
        onClick={() => onChange({})}
        className="col-span-2 md:col-span-1"
      >
        Clear filters
      </Button>
    </div>
  );
}
