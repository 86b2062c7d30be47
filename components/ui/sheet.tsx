"use client";
import type { ReactNode } from "react";
import { X } from "lucide-react";
import { Dialog as RadixDialog } from "radix-ui";
import { cn } from "./cn";
import { overlayClasses } from "./dialog";

/** A side drawer built on Dialog: details (a delivery, an issue) or navigation on small screens. */
export function Sheet({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  side = "right",
  children,
  className,
}: {
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  trigger?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  side?: "left" | "right";
  children?: ReactNode;
  className?: string;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger>}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlayClasses} />
        <RadixDialog.Content
          className={cn(
            "fixed inset-y-0 z-50 flex w-full max-w-xl flex-col bg-white shadow-xl focus:outline-none",
            side === "right" ? "right-0 border-l" : "left-0 border-r",
            "border-slate-200",
            className,
          )}
          {...(description ? {} : { "aria-describedby": undefined })}
        >
          <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
            <div className="min-w-0 space-y-1">
              <RadixDialog.Title className="truncate text-base font-semibold text-slate-900">{title}</RadixDialog.Title>
              {description && <RadixDialog.Description className="text-sm text-slate-600">{description}</RadixDialog.Description>}
            </div>
            <RadixDialog.Close
              aria-label="Close"
              className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <X aria-hidden className="size-4" />
            </RadixDialog.Close>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
