"use client";
import { useEffect, useState } from "react";
import { format, formatDistanceToNow } from "date-fns";
import { Tooltip } from "./tooltip";

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/** "3 minutes ago", with the exact time on hover and focus; "Never" when there is no time. */
export function RelativeTime({ value, never = "Never" }: { value: Date | string | number | null | undefined; never?: string }) {
  // Re-render every 30 s so "just now" does not go stale on a page left open.
  const [, tick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(id);
  }, []);
  if (value == null) return <span className="text-slate-500">{never}</span>;
  const date = toDate(value);
  const exact = format(date, "PPpp");
  return (
    <Tooltip content={exact}>
      <time dateTime={date.toISOString()} title={exact} tabIndex={0} className="whitespace-nowrap" suppressHydrationWarning>
        {formatDistanceToNow(date, { addSuffix: true })}
      </time>
    </Tooltip>
  );
}
