"use client";
// The rows of the Deliveries tab on the one Table primitive. Wide screens get a column per fact; on a
// phone each row stacks event, webhook, status and time in one cell, so nothing is cut off.
import { Checkbox } from "@/components/ui/checkbox";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { DeliveryStatus, webhookLabel } from "./delivery-labels";
import type { DeliveryRow } from "./types";

export function DeliveriesTable({
  rows,
  openId,
  selected,
  onOpen,
  onToggle,
  onToggleAll,
  footer,
}: {
  rows: DeliveryRow[];
  openId: string | null;
  selected: ReadonlyMap<string, unknown>;
  onOpen: (id: string) => void;
  onToggle: (row: DeliveryRow, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
  footer: React.ReactNode;
}) {
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <Table caption="Deliveries, newest first" footer={footer}>
      <TableHead>
        <TableHeaderCell className="w-10">
          <Checkbox
            aria-label="Select all on this page"
            checked={allSelected ? true : selected.size > 0 ? "indeterminate" : false}
            onCheckedChange={() => onToggleAll(!allSelected)}
          />
        </TableHeaderCell>
        <TableHeaderCell className="sm:hidden">Delivery</TableHeaderCell>
        <TableHeaderCell hideBelow="sm">Event</TableHeaderCell>
        <TableHeaderCell hideBelow="sm">Webhook</TableHeaderCell>
        <TableHeaderCell hideBelow="lg" numeric>
          HTTP
        </TableHeaderCell>
        <TableHeaderCell hideBelow="sm">Outcome</TableHeaderCell>
        <TableHeaderCell hideBelow="lg" numeric>
          Attempts
        </TableHeaderCell>
        <TableHeaderCell hideBelow="sm">Time</TableHeaderCell>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid="delivery-row" data-delivery-id={row.id} data-status={row.status} selected={openId === row.id} onClick={() => onOpen(row.id)}>
            <TableCell onClick={(e) => e.stopPropagation()}>
              <Checkbox aria-label={`Select delivery ${row.id}`} checked={selected.has(row.id)} onCheckedChange={(v) => onToggle(row, v === true)} />
            </TableCell>
            {/* Phone: one stacked cell. */}
            <TableCell className="sm:hidden">
              <div className="space-y-1">
                <EventButton row={row} onOpen={onOpen} />
                <p className="text-xs break-words text-slate-700">{webhookLabel(row)}</p>
                <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
                  <DeliveryStatus delivery={row} />
                  <RelativeTime value={row.created_at} />
                </div>
              </div>
            </TableCell>
            <TableCell hideBelow="sm">
              <EventButton row={row} onOpen={onOpen} />
            </TableCell>
            <TableCell hideBelow="sm" className="max-w-56 text-xs break-words text-slate-700">
              {webhookLabel(row)}
            </TableCell>
            <TableCell hideBelow="lg" numeric className="font-mono text-xs">
              {row.last_status_code ?? "—"}
            </TableCell>
            <TableCell hideBelow="sm">
              <DeliveryStatus delivery={row} />
            </TableCell>
            <TableCell hideBelow="lg" numeric className="text-xs">
              {row.attempts}
            </TableCell>
            <TableCell hideBelow="sm" className="text-xs text-slate-700">
              <RelativeTime value={row.created_at} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function EventButton({ row, onOpen }: { row: DeliveryRow; onOpen: (id: string) => void }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <button
        type="button"
        onClick={(e) => {
          e.stopPropagation();
          onOpen(row.id);
        }}
        className="rounded text-left font-mono text-xs break-all text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {row.event_type}
      </button>
      {row.replay_of && <span className="text-xs text-slate-500">(replay)</span>}
      {row.test && <span className="text-xs text-slate-500">(test)</span>}
    </span>
  );
}
