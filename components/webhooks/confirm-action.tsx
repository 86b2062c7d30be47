"use client";
// A destructive or consequential action behind a confirmation. The dialog stays open while the
// action runs and shows why it failed; it closes only once the server confirmed.
import { useState, type ReactNode } from "react";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { errorMessage } from "@/lib/api-client";

export function ConfirmAction({
  trigger,
  title,
  description,
  confirmLabel,
  danger = false,
  onConfirm,
  children,
}: {
  trigger: ReactNode;
  title: ReactNode;
  description: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown>;
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  }

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
        if (!next) setError(null);
      }}
      trigger={trigger}
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      danger={danger}
      pending={pending}
      onConfirm={confirm}
    >
      {children}
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </AlertDialog>
  );
}
