"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { Bug, ClipboardList, Compass, Menu, PlayCircle, Plug, ScrollText, Settings2, Users, Webhook, type LucideIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Sheet } from "@/components/ui/sheet";
import type { Role } from "@/lib/domain/projects";

/** `adminOnly`: the page shows members only "Admins only", so members are not offered the link. */
type NavItem = { segment: string; label: string; icon: LucideIcon; adminOnly?: boolean };

const MAIN: NavItem[] = [
  { segment: "issues", label: "Issues", icon: Bug },
  { segment: "test-runs", label: "Test runs", icon: PlayCircle },
  { segment: "cases", label: "Cases", icon: ClipboardList },
  { segment: "sessions", label: "Sessions", icon: Compass },
];
const SETTINGS: NavItem[] = [
  { segment: "settings/integrations", label: "Integrations", icon: Plug, adminOnly: true },
  { segment: "settings/webhooks", label: "Webhooks", icon: Webhook, adminOnly: true },
  { segment: "settings/members", label: "Members", icon: Users },
  { segment: "settings/project", label: "Project", icon: Settings2, adminOnly: true },
  { segment: "settings/audit", label: "Audit log", icon: ScrollText, adminOnly: true },
];

type NavProps = { projectId: string; role: Role };

function NavLinks({ projectId, role, onNavigate }: NavProps & { onNavigate?: () => void }) {
  const pathname = usePathname();
  const shown = (items: NavItem[]) => items.filter((item) => !item.adminOnly || role === "admin");
  const link = ({ segment, label, icon: Icon }: NavItem) => {
    const href = `/projects/${projectId}/${segment}`;
    const active = pathname === href || pathname.startsWith(`${href}/`);
    return (
      <li key={segment}>
        <Link
          href={href}
          onClick={onNavigate}
          aria-current={active ? "page" : undefined}
          className={cn(
            "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600",
            active ? "bg-indigo-50 text-indigo-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
          )}
        >
          <Icon aria-hidden className="size-4 shrink-0" />
          {label}
        </Link>
      </li>
    );
  };
  return (
    <div className="space-y-5">
      <ul className="space-y-0.5">{shown(MAIN).map(link)}</ul>
      <div>
        <p className="px-2.5 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Settings</p>
        <ul className="space-y-0.5">{shown(SETTINGS).map(link)}</ul>
      </div>
    </div>
  );
}

/** The sidebar on wide screens. */
export function ProjectSidebar(props: NavProps) {
  return (
    <nav aria-label="Project" className="sticky top-14 hidden h-[calc(100vh-3.5rem)] w-56 shrink-0 overflow-y-auto border-r border-slate-200 bg-white p-3 md:block">
      <NavLinks {...props} />
    </nav>
  );
}

/** A menu button that opens the same navigation in a drawer on narrow screens. */
export function MobileProjectNav(props: NavProps) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  useEffect(() => setOpen(false), [pathname]);
  return (
    <div className="md:hidden">
      <Sheet
        open={open}
        onOpenChange={setOpen}
        side="left"
        title="Project menu"
        className="max-w-[18rem]"
        trigger={
          <Button variant="ghost" size="sm" aria-label="Open project menu">
            <Menu aria-hidden className="size-5" />
          </Button>
        }
      >
        <nav aria-label="Project">
          <NavLinks {...props} onNavigate={() => setOpen(false)} />
        </nav>
      </Sheet>
    </div>
  );
}
