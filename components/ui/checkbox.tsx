"use client";
import type { ComponentProps } from "react";
import { Check, Minus } from "lucide-react";
import { Checkbox as RadixCheckbox } from "radix-ui";
import { cn } from "./cn";

/** A checkbox; `checked="indeterminate"` shows a dash (e.g. a partly selected event group). */
export function Checkbox({ className, ...props }: ComponentProps<typeof RadixCheckbox.Root>) {
  return (
    <RadixCheckbox.Root
      className={cn(
        "peer inline-flex size-4 shrink-0 items-center justify-center rounded border border-slate-400 bg-white",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-50",
        "data-[state=checked]:border-indigo-600 data-[state=checked]:bg-indigo-600 data-[state=checked]:text-white",
        "data-[state=indeterminate]:border-indigo-600 data-[state=indeterminate]:bg-indigo-600 data-[state=indeterminate]:text-white",
        className,
      )}
      {...props}
    >
      <RadixCheckbox.Indicator>
        {props.checked === "indeterminate" ? <Minus aria-hidden className="size-3" /> : <Check aria-hidden className="size-3" />}
      </RadixCheckbox.Indicator>
    </RadixCheckbox.Root>
  );
}
