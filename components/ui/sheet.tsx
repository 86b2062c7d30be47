"use client";
import type { ReactNode } from "react";
import { Dialog as RadixDialog } from "radix-ui";
import { cn } from "./cn";
import { DialogHeading, overlayClasses } from "./dialog";

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
          <DialogHeading
            title={title}
            description={description}
            className="border-b border-slate-200 px-5 py-4"
            titleClassName="truncate"
          />
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
