"use client";
// The event picker: four sections (Cases, Issues, Test Runs, Sessions), each with Select all.
// It is controlled: the add form keeps choices locally, a webhook card saves each toggle at once
// and passes per-event status so a confirmed save flashes a check-mark next to the event name.
import { Check, Loader2 } from "lucide-react";
import { Checkbox } from "@/components/ui/checkbox";
import { EVENT_GROUPS } from "@/lib/events/catalog";

export type EventStatus = { state: "saving" } | { state: "saved" } | { state: "error"; message: string };

export function EventPicker({
  idPrefix,
  selected,
  onToggle,
  onToggleGroup,
  status = {},
  disabled,
}: {
  idPrefix: string;
  selected: ReadonlySet<string>;
  onToggle: (type: string, on: boolean) => void;
  onToggleGroup: (types: string[], on: boolean) => void;
  status?: Record<string, EventStatus | undefined>;
  disabled?: boolean;
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {EVENT_GROUPS.map((group) => {
        const chosen = group.types.filter((t) => selected.has(t)).length;
        const all = chosen === group.types.length;
        const allId = `${idPrefix}-${group.subject}-all`;
        return (
          <fieldset key={group.subject} className="rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-xs font-semibold tracking-wide text-slate-700 uppercase">{group.label}</legend>
            <div className="mb-2 flex items-center gap-2 border-b border-slate-100 pb-2">
              <Checkbox
                id={allId}
                checked={all ? true : chosen > 0 ? "indeterminate" : false}
                disabled={disabled}
                onCheckedChange={() => onToggleGroup([...group.types], !all)}
                aria-label={`Select all ${group.label} events`}
              />
              <label htmlFor={allId} className="text-sm font-medium text-slate-800">
                Select all
              </label>
            </div>
            <ul className="space-y-1.5">
              {group.types.map((type) => {
                const id = `${idPrefix}-${type}`;
                const s = status[type];
                return (
                  <li key={type}>
                    <div className="flex min-h-6 items-center gap-2">
                      <Checkbox
                        id={id}
                        checked={selected.has(type)}
                        disabled={disabled || s?.state === "saving"}
                        onCheckedChange={(v) => onToggle(type, v === true)}
                        aria-describedby={s?.state === "error" ? `${id}-error` : undefined}
                      />
                      <label htmlFor={id} className="font-mono text-xs text-slate-800">
                        {type}
                      </label>
                      {/* Fixed-size slot so the row never jumps while the status changes. */}
                      <span className="inline-flex size-4 items-center justify-center" aria-live="polite">
                        {s?.state === "saving" && <Loader2 aria-label="Saving" className="size-3.5 animate-spin text-slate-500" />}
                        {s?.state === "saved" && <Check aria-label={`${type} saved`} data-testid="event-saved" className="size-4 text-green-600" />}
                      </span>
                    </div>
                    {s?.state === "error" && (
                      <p id={`${id}-error`} role="alert" className="ml-6 text-xs text-red-700">
                        {s.message}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          </fieldset>
        );
      })}
    </div>
  );
}
