"use client";
// Secrets leave the server once, in a create or rotate response. This panel is the only place they
// are shown; the owner keeps them in component state and drops them on "I have saved it". Until a
// value has been copied, the other ways of closing it ask first: the owner's ✕ or Esc (through
// useRevealGuard), a link to another page, and leaving or reloading the page.
import { useEffect, useId, useState, type ReactNode } from "react";
import { Check, Copy, KeyRound } from "lucide-react";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";

export type RevealedValue = { label: string; value: string };
export type RevealGuard = ReturnType<typeof useRevealGuard>;

const LEAVE_WARNING = "The secret has not been copied. It is shown only once: if you leave now, you will need to rotate it to get a new one.";

/** For owners that can close the panel themselves (a dialog's ✕ or Esc): call requestDismiss instead of closing. */
export function useRevealGuard(onDismiss: () => void) {
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  return {
    copied,
    confirming,
    markCopied: () => setCopied(true),
    setConfirming,
    onDismiss,
    /** For an owner that shows a new secret in the same place later. */
    reset: () => {
      setCopied(false);
      setConfirming(false);
    },
    requestDismiss: () => (copied ? onDismiss() : setConfirming(true)),
  };
}

/** While nothing is copied: the browser asks before the page is left, and links to other pages ask first. */
function useLeaveGuard(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const beforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    // Capture phase on the document runs before React's own listeners, so a refused link never navigates.
    const click = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.("a[href]");
      if (link && !window.confirm(LEAVE_WARNING)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", click, true);
    };
  }, [active]);
}

export function RevealOncePanel({
  title,
  values,
  steps,
  onDismiss,
  guard,
}: {
  title: string;
  values: RevealedValue[];
  /** Optional setup instructions shown under the values (e.g. where to paste them in the tracker). */
  steps?: ReactNode;
  onDismiss: () => void;
  /** The owner's guard, when the owner can close the panel too (see useRevealGuard). */
  guard?: RevealGuard;
}) {
  const titleId = useId();
  const own = useRevealGuard(onDismiss);
  const g = guard ?? own;
  useLeaveGuard(!g.copied);
  return (
    <section
      aria-labelledby={titleId}
      data-testid="reveal-once-panel"
      className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4"
    >
      <div className="flex items-start gap-2">
        <KeyRound aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-700" />
        <div>
          <h3 id={titleId} className="text-sm font-semibold text-amber-950">
            {title}
          </h3>
          <p className="text-sm text-amber-900">Copy it now: it is shown only once and cannot be shown again.</p>
        </div>
      </div>
      {values.map((v) => (
        <SecretRow key={v.label} {...v} onCopied={g.markCopied} />
      ))}
      {steps && <div className="text-sm text-amber-950">{steps}</div>}
      <div className="flex justify-end">
        {/* Saying so is the confirmation: only the other ways out ask. */}
        <Button onClick={g.onDismiss}>I have saved it</Button>
      </div>
      <AlertDialog
        open={g.confirming}
        onOpenChange={g.setConfirming}
        title="Close without copying the secret?"
        description={LEAVE_WARNING}
        cancelLabel="Keep it open"
        confirmLabel="Close anyway"
        danger
        onConfirm={() => {
          g.setConfirming(false);
          g.onDismiss();
        }}
      />
    </section>
  );
}

function SecretRow({ label, value, onCopied }: RevealedValue & { onCopied: () => void }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  const [copyFailed, setCopyFailed] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      onCopied();
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // No clipboard access (e.g. plain HTTP on another host): select the value for a manual copy.
      setCopyFailed(true);
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  }
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-amber-950">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          onCopy={onCopied}
          className="h-9 min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-3 font-mono text-xs text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
        />
        <Button variant="secondary" onClick={() => void copy()} aria-label={`Copy ${label}`}>
          {copied ? <Check aria-hidden className="size-4 text-green-700" /> : <Copy aria-hidden className="size-4" />}
          <span aria-live="polite">{copied ? "Copied" : "Copy"}</span>
        </Button>
      </div>
      {copyFailed && <p className="text-xs text-amber-900">Copying is blocked here: the value is selected, press Ctrl+C (⌘C).</p>}
    </div>
  );
}
