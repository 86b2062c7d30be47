"use client";
// The custom headers of a webhook form: up to MAX_CUSTOM_HEADERS name/value rows, each with its own
// message from the server. On edit a value left empty keeps the stored one (values never come back).
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { MAX_CUSTOM_HEADERS } from "@/lib/outbound/custom-headers";

export type HeaderRow = { key: number; name: string; value: string };
let rowKey = 0;
export const headerRow = (name = "", value = ""): HeaderRow => ({ key: rowKey++, name, value });

export function CustomHeadersFields({
  headers,
  onChange,
  fieldError,
  storedNames,
}: {
  headers: HeaderRow[];
  onChange: (next: HeaderRow[]) => void;
  fieldError: (path: string) => string | undefined;
  /** Editing: the names whose values are stored (an empty value keeps them). */
  storedNames?: readonly string[];
}) {
  const editing = storedNames !== undefined;
  const set = (key: number, change: Partial<HeaderRow>) => onChange(headers.map((x) => (x.key === key ? { ...x, ...change } : x)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Custom headers</legend>
      <p className="text-xs text-slate-500">
        Up to {MAX_CUSTOM_HEADERS}, sent with every delivery. Values are stored encrypted
        {editing ? " and never shown again: leave a value empty to keep it." : "."}
      </p>
      {headers.map((h, i) => {
        const message = fieldError(`headers.${i}.name`) ?? fieldError(`headers.${i}.value`) ?? fieldError(`headers.${i}`);
        return (
          <div key={h.key} className="space-y-1">
            <div className="flex gap-2">
              <Input
                aria-label={`Header ${i + 1} name`}
                placeholder="X-Api-Key"
                value={h.name}
                onChange={(e) => set(h.key, { name: e.target.value })}
                aria-invalid={Boolean(fieldError(`headers.${i}.name`))}
                className="font-mono"
              />
              <Input
                aria-label={`Header ${i + 1} value`}
                placeholder={storedNames?.includes(h.name) ? "(unchanged)" : "value"}
                value={h.value}
                onChange={(e) => set(h.key, { value: e.target.value })}
                aria-invalid={Boolean(fieldError(`headers.${i}.value`))}
                className="font-mono"
              />
              <Button variant="ghost" aria-label={`Remove header ${i + 1}`} onClick={() => onChange(headers.filter((x) => x.key !== h.key))}>
                <Trash2 aria-hidden className="size-4" />
              </Button>
            </div>
            {message && (
              <p role="alert" className="text-xs text-red-700">
                {message}
              </p>
            )}
          </div>
        );
      })}
      {fieldError("headers") && (
        <p role="alert" className="text-xs text-red-700">
          {fieldError("headers")}
        </p>
      )}
      <Button variant="secondary" size="sm" disabled={headers.length >= MAX_CUSTOM_HEADERS} onClick={() => onChange([...headers, headerRow()])}>
        <Plus aria-hidden className="size-3.5" />
        {headers.length >= MAX_CUSTOM_HEADERS ? `Limit of ${MAX_CUSTOM_HEADERS} headers reached` : "Add header"}
      </Button>
    </fieldset>
  );
}
