"use client";
// What a delivery sent, exactly: the event's stored body (the bytes that were signed, so a copy
// verifies against the signature), or for Slack the Block Kit message of the latest attempt. A
// formatted view is offered for reading only; Copy always copies the exact bytes.
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button } from "@/components/ui/button";

export function DeliveryBody({ body, label }: { body: string; label: string }) {
  const [formatted, setFormatted] = useState(false);
  const shown = formatted ? pretty(body) : body;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label className="flex items-center gap-2 text-xs text-slate-600">
          <input type="checkbox" checked={formatted} onChange={(e) => setFormatted(e.target.checked)} className="size-3.5" />
          Formatted for reading
        </label>
        <CopyButton text={body} label={`Copy ${label}`} />
      </div>
      <pre data-testid="delivery-body" className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100">
        {shown}
      </pre>
      <p className="text-xs text-slate-500">{formatted ? "Shown formatted; Copy copies the exact bytes that were signed and sent." : "The exact bytes that were signed and sent."}</p>
    </div>
  );
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={label}
      onClick={() =>
        void navigator.clipboard.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        })
      }
    >
      {copied ? <Check aria-hidden className="size-3.5 text-green-700" /> : <Copy aria-hidden className="size-3.5" />}
      <span aria-live="polite">{copied ? "Copied" : "Copy"}</span>
    </Button>
  );
}
