import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/**
 * The one table of the app: semantic parts (caption, thead/tbody, th scope="col") with one padding, one
 * border and one hover, so every list reads the same.
 *
 * Narrow screens: columns that matter less pass `hideBelow` to drop out under a breakpoint (the same value on
 * their header and cells), and what is left scrolls sideways inside its own focusable region rather than
 * widening the page. `empty` is shown instead of the table when `isEmpty` (an EmptyState, usually);
 * `footer` sits under the rows inside the same border (a count and "Load more").
 */
export function Table({
  caption,
  children,
  isEmpty = false,
  empty,
  footer,
  className,
}: {
  /** What the rows are, for screen readers ("Issues, newest first"); also names the scroll region. */
  caption: string;
  children: ReactNode;
  isEmpty?: boolean;
  empty?: ReactNode;
  footer?: ReactNode;
  className?: string;
}) {
  if (isEmpty && empty) return <>{empty}</>;
  return (
    <div className={cn("overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm", className)}>
      {/* A scrollable region must be reachable by keyboard to be scrolled without a mouse (WCAG 2.1.1). */}
      <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          {children}
        </table>
      </div>
      {footer && <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-3 py-2 text-xs text-slate-600 sm:px-4">{footer}</div>}
    </div>
  );
}

/** The header row: pass the `TableHeaderCell`s as children. */
export function TableHead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
      <tr>{children}</tr>
    </thead>
  );
}

export function TableBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}

/** A body row; `selected` marks the row whose detail is open. Other props (data-*, onClick) pass through. */
export function TableRow({ selected = false, className, ...props }: ComponentProps<"tr"> & { selected?: boolean }) {
  return <tr {...props} className={cn("align-top hover:bg-slate-50", props.onClick && "cursor-pointer", selected && "bg-indigo-50 hover:bg-indigo-50", className)} />;
}

/** Below this breakpoint the column is not shown (its header and its cells pass the same value). */
export type HideBelow = "sm" | "md" | "lg";

// Whole class names, so Tailwind's scanner sees them.
const hidden: Record<HideBelow, string> = {
  sm: "hidden sm:table-cell",
  md: "hidden md:table-cell",
  lg: "hidden lg:table-cell",
};

type CellOptions = {
  hideBelow?: HideBelow;
  /** Right-aligned, tabular figures (counts, durations, status codes). */
  numeric?: boolean;
};

function cellClasses({ hideBelow, numeric }: CellOptions, padding: string, className?: string) {
  return cn("px-3 sm:px-4", padding, hideBelow && hidden[hideBelow], numeric && "text-right tabular-nums", className);
}

export function TableHeaderCell({ hideBelow, numeric, className, ...props }: ComponentProps<"th"> & CellOptions) {
  return <th scope="col" {...props} className={cellClasses({ hideBelow, numeric }, "py-2 font-medium whitespace-nowrap", className)} />;
}

export function TableCell({ hideBelow, numeric, className, ...props }: ComponentProps<"td"> & CellOptions) {
  return <td {...props} className={cellClasses({ hideBelow, numeric }, "py-2.5", className)} />;
}
