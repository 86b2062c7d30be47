import Link from "next/link";
import { ShieldAlert } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";

/** What a member sees on an admin-only page: a clear explanation instead of a broken form. */
export function AdminsOnly({ projectId, what = "this page" }: { projectId: string; what?: string }) {
  return (
    <section
      aria-labelledby="admins-only-title"
      className="mx-auto mt-6 max-w-lg rounded-lg border border-amber-300 bg-amber-50 p-6 text-center"
    >
      <ShieldAlert aria-hidden className="mx-auto size-8 text-amber-600" />
      <h1 id="admins-only-title" className="mt-3 text-lg font-semibold text-amber-900">
        Admins only
      </h1>
      <p className="mt-2 text-sm text-amber-900">
        Only project admins can manage {what}. Ask an admin of this project to make the change, or to give you the admin role in
        Settings → Members.
      </p>
      <Link href={`/projects/${projectId}/issues`} className={buttonClasses("secondary", "md", "mt-4")}>
        Back to the project
      </Link>
    </section>
  );
}
