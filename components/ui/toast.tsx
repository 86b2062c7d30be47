"use client";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { X } from "lucide-react";
import { Toast as RadixToast } from "radix-ui";
import { cn } from "./cn";

export type ToastTone = "success" | "error" | "info";
export type ToastInput = { title: string; description?: string; tone?: ToastTone };
type ToastItem = ToastInput & { id: number; open: boolean };

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

const toneClasses: Record<ToastTone, string> = {
  success: "border-green-300 bg-green-50 text-green-900",
  error: "border-red-300 bg-red-50 text-red-900",
  info: "border-slate-200 bg-white text-slate-900",
};

let nextId = 1;

/** Renders toasts announced through `useToast()`; mounted once in app/providers.tsx. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const show = useCallback((toast: ToastInput) => {
    setToasts((all) => [...all.slice(-4), { ...toast, id: nextId++, open: true }]);
  }, []);
  const close = (id: number) => setToasts((all) => all.filter((t) => t.id !== id));

  return (
    <ToastContext.Provider value={show}>
      <RadixToast.Provider swipeDirection="right" duration={5000}>
        {children}
        {toasts.map((t) => (
          <RadixToast.Root
            key={t.id}
            open={t.open}
            onOpenChange={(open) => !open && close(t.id)}
            // Errors interrupt screen readers; confirmations wait politely.
            type={t.tone === "error" ? "foreground" : "background"}
            duration={t.tone === "error" ? 8000 : 5000}
            className={cn("flex items-start gap-3 rounded-md border p-3 shadow-lg", toneClasses[t.tone ?? "info"])}
          >
            <div className="min-w-0 flex-1">
              <RadixToast.Title className="text-sm font-semibold">{t.title}</RadixToast.Title>
              {t.description && <RadixToast.Description className="mt-0.5 text-sm break-words opacity-90">{t.description}</RadixToast.Description>}
            </div>
            <RadixToast.Close aria-label="Dismiss" className="rounded p-0.5 opacity-70 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-600">
              <X aria-hidden className="size-4" />
            </RadixToast.Close>
          </RadixToast.Root>
        ))}
        <RadixToast.Viewport className="fixed right-0 bottom-0 z-[60] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
      </RadixToast.Provider>
    </ToastContext.Provider>
  );
}

/** `const toast = useToast(); toast({ title: "Saved", tone: "success" })`. */
export function useToast(): (toast: ToastInput) => void {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast() needs <ToastProvider> (app/providers.tsx).");
  return useMemo(() => show, [show]);
}
