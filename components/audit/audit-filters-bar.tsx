"use client";
// Kind, actor and date-range filters of the Audit log. Each change rewrites the URL.
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { AUDIT_GROUPS, SYSTEM_ACTOR } from "@/lib/audit/actions";
import type { AuditFilters } from "@/lib/audit/filters";

// Radix Select has no empty value; "all" stands for "no filter".
const ALL = "all";

export function AuditFiltersBar({ filters, actors, onChange }: { filters: AuditFilters; actors: Array<{ user_id: string; name: string }>; onChange: (next: AuditFilters) => void }) {
  const set = (key: keyof AuditFilters, value: string) => onChange({ ...filters, [key]: value && value !== ALL ? value : undefined });
  const kinds = [{ value: ALL, label: "All kinds" }, ...Object.entries(AUDIT_GROUPS).map(([value, label]) => ({ value, label }))];
  const people = [{ value: ALL, label: "Anyone" }, { value: SYSTEM_ACTOR, label: "Switchyard (automatic)" }, ...actors.map((a) => ({ value: a.user_id, label: a.name }))];
  // Keep a filter from a shared URL visible even when it is not among the choices.
  const withCurrent = (options: { value: string; label: string }[], current?: string) =>
    current && !options.some((o) => o.value === current) ? [...options, { value: current, label: current }] : options;
  return (
    <div className="grid grid-cols-2 items-end gap-3 md:grid-cols-[repeat(4,minmax(0,1fr))_auto]">
      <div className="min-w-0 space-y-1">
        <Label htmlFor="audit-kind">Kind</Label>
        <Select id="audit-kind" value={filters.action ?? ALL} onValueChange={(v) => set("action", v)} options={withCurrent(kinds, filters.action)} />
      </div>
      <div className="min-w-0 space-y-1">
        <Label htmlFor="audit-actor">Who</Label>
        <Select id="audit-actor" value={filters.actor ?? ALL} onValueChange={(v) => set("actor", v)} options={withCurrent(people, filters.actor)} />
      </div>
      <div className="min-w-0 space-y-1">
        <Label htmlFor="audit-from">From</Label>
        <Input id="audit-from" type="date" value={filters.from ?? ""} max={filters.to} onChange={(e) => set("from", e.target.value)} />
      </div>
      <div className="min-w-0 space-y-1">
        <Label htmlFor="audit-to">To</Label>
        <Input id="audit-to" type="date" value={filters.to ?? ""} min={filters.from} onChange={(e) => set("to", e.target.value)} />
      </div>
      <Button variant="ghost" disabled={!Object.values(filters).some(Boolean)} onClick={() => onChange({})} className="col-span-2 md:col-span-1">
        Clear filters
      </Button>
    </div>
  );
}
