import type { Metadata } from "next";
import { AdminsOnly } from "@/components/admins-only";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { PageHeader } from "@/components/app-shell/page-header";
import { listAudit, listAuditActors } from "@/lib/audit/list";
import { requirePageMember } from "@/lib/auth/page-access";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageMember(projectId, `/projects/${projectId}/settings/audit`);
  if (user.role !== "admin") return <AdminsOnly projectId={projectId} what="the audit log" />;
  // The unfiltered first page renders with the page; filters (dates are the viewer's days) fetch their own.
  const [first, actors] = await Promise.all([listAudit(projectId, { limit: 50 }), listAuditActors(projectId)]);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title="Audit log" description="Who changed webhooks, secrets, the tracker connection and members, and when. Newest first." />
      <AuditLogView projectId={projectId} initialPage={first} actors={actors} />
    </div>
  );
}
