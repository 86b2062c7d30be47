"use client";
// Placeholder until the Inbound section lands (owned by the inbound work).
export function InboundSection({ projectId }: { projectId: string }) {
  return (
    <section aria-labelledby="inbound-title" data-project={projectId} className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="inbound-title" className="text-sm font-semibold text-slate-900">
        Inbound
      </h2>
      <p className="mt-1 text-sm text-slate-600">Receiving issue events from your tracker is coming soon.</p>
    </section>
  );
}
