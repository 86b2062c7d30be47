"use client";
import type { ReactNode } from "react";
import { X } from "lucide-react";
import { Dialog as RadixDialog } from "radix-ui";
import { cn } from "./cn";

export const overlayClasses = "fixed inset-0 z-40 bg-slate-900/40 data-[state=open]:animate-in";

/**
 * A modal dialog with a title, optional description and body. Controlled (`open`/`onOpenChange`)
 * or triggered (`trigger`). Focus is trapped inside and returns to the trigger on close.
 */
export function Dialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  children,
  footer,
  className,
}: {
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  trigger?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  className?: string;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger>}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlayClasses} />
        <RadixDialog.Content
          className={cn(
            "fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto",
            "rounded-lg border border-slate-200 bg-white p-5 shadow-xl focus:outline-none",
            className,
          )}
          {...(description ? {} : { "aria-describedby": undefined })}
        >
          <DialogHeading title={title} description={description} className="mb-4" />
          {children}
          {footer && <div className="mt-5 flex flex-wrap justify-end gap-2">{footer}</div>}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Closes the surrounding Dialog or Sheet when its child is clicked (e.g. a Cancel button). */
export function DialogClose({ children }: { children: ReactNode }) {
  return <RadixDialog.Close asChild>{children}</RadixDialog.Close>;
}

/** Title, optional description and the close button: the top of every Dialog and Sheet. */
export function DialogHeading({
  title,
  description,
  className,
  titleClassName,
}: {
  title: ReactNode;
  description?: ReactNode;
  className?: string;
  titleClassName?: string;
}) {
  return (
    <div className={cn("flex items-start justify-between gap-4", className)}>
      <div className="min-w-0 space-y-1">
        <RadixDialog.Title className={cn("text-base font-semibold text-slate-900", titleClassName)}>{title}</RadixDialog.Title>
        {description && <RadixDialog.Description className="text-sm text-slate-600">{description}</RadixDialog.Description>}
      </div>
      <RadixDialog.Close
        aria-label="Close"
        className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <X aria-hidden className="size-4" />
      </RadixDialog.Close>
    </div>
  );
}
