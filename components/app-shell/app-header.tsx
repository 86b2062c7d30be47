import Link from "next/link";
import type { ReactNode } from "react";
import { Waypoints } from "lucide-react";
import { NotificationBell } from "./notification-bell";
import { UserMenu } from "./user-menu";

/** The top bar of every signed-in page: logo, an optional project switcher / menu button, the user menu. */
export function AppHeader({ user, start }: { user: { name: string; email: string }; start?: ReactNode }) {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="flex h-14 items-center gap-2 px-3 sm:px-5">
        <Link href="/projects" className="flex items-center gap-2 rounded-md px-1 py-1 font-semibold text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600">
          <Waypoints aria-hidden className="size-5 text-indigo-600" />
          <span className="hidden sm:inline">Switchyard</span>
        </Link>
        {start && (
          <>
            <span aria-hidden className="text-slate-300">/</span>
            {start}
          </>
        )}
        <div className="ml-auto flex items-center gap-1">
          <NotificationBell />
          <UserMenu name={user.name} email={user.email} />
        </div>
      </div>
    </header>
  );
}
