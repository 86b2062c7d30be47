"use client";
import type { ComponentProps } from "react";
import { Label as RadixLabel } from "radix-ui";
import { cn } from "./cn";

export function Label({ className, ...props }: ComponentProps<typeof RadixLabel.Root>) {
  return <RadixLabel.Root className={cn("block text-sm font-medium text-slate-800", className)} {...props} />;
}

/** A label, its control and an optional hint or error, wired together for screen readers. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("space-y-1", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A form-level error: shown when the failure is not about one field (field errors from problem+json
 * appear beside their fields through Field).
 */
export function FormError({ error }: { error?: { message: string; errors: readonly unknown[] } | null }) {
  if (!error || error.errors.length) return null;
  return (
    <p role="alert" className="text-sm text-red-700">
      {error.message}
    </p>
  );
}
