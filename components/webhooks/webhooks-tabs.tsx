// The tab bar of Settings → Webhooks. The two tabs are separate routes (DESIGN layout), so they are
// links, and a filtered Deliveries URL can be shared as is.
import Link from "next/link";
import { cn } from "@/components/ui/cn";

export function WebhooksTabs({ projectId, current }: { projectId: string; current: "webhooks" | "deliveries" }) {
  const base = `/projects/${projectId}/settings/webhooks`;
  const tabs = [
    { id: "webhooks", label: "Webhooks", href: base },
    { id: "deliveries", label: "Deliveries", href: `${base}/deliveries` },
  ] as const;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Webhooks</h1>
        <p className="text-sm text-slate-600">Receive issue events from your tracker and send this project&apos;s events anywhere.</p>
      </div>
      <nav aria-label="Webhooks sections" className="flex gap-1 overflow-x-auto border-b border-slate-200">
        {tabs.map((t) => (
          <Link
            key={t.id}
            href={t.href}
            aria-current={current === t.id ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-indigo-600",
              current === t.id ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {t.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
