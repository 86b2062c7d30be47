"use client";
import type { ReactNode } from "react";
import { Tooltip as RadixTooltip } from "radix-ui";

/** Needed once near the root (app/providers.tsx). */
export const TooltipProvider = RadixTooltip.Provider;

/** A short hint on hover and keyboard focus. The child must be focusable (a button, a link, a <time tabIndex=0>). */
export function Tooltip({ content, children, side = "top" }: { content: ReactNode; children: ReactNode; side?: "top" | "bottom" | "left" | "right" }) {
  return (
    <RadixTooltip.Root delayDuration={300}>
      <RadixTooltip.Trigger asChild>{children}</RadixTooltip.Trigger>
      <RadixTooltip.Portal>
        <RadixTooltip.Content
          side={side}
          sideOffset={4}
          className="z-50 max-w-xs rounded bg-slate-900 px-2 py-1 text-xs text-white shadow-md"
        >
          {content}
          <RadixTooltip.Arrow className="fill-slate-900" />
        </RadixTooltip.Content>
      </RadixTooltip.Portal>
    </RadixTooltip.Root>
  );
}
