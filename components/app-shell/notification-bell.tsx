"use client";
// The bell in the app shell: project admins' notices about their webhooks (degraded, disabled,
// recovered, secret rotated, inbound failing), with the unread count; opening one marks it read.
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import { DropdownMenu, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";
import { RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/api-client";
import type { NotificationJson } from "@/lib/notifications/notifications";
import { queryKeys } from "@/lib/query-keys";

type Page = { notifications: NotificationJson[]; unread: number; is_admin: boolean };

export function NotificationBell() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.myNotifications(),
    queryFn: ({ signal }) => api<Page>("/me/notifications?limit=20", { signal }),
    refetchInterval: 15_000,
  });
  const markRead = useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => api<{ unread: number }>("/me/notifications", { method: "POST", body }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.myNotifications() }),
  });
  if (!query.data?.is_admin) return null;
  const { notifications, unread } = query.data;
  return (
    <DropdownMenu
      trigger={
        <button
          type="button"
          aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
          className="relative inline-flex size-9 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <Bell aria-hidden className="size-5" />
          {unread > 0 && (
            <span aria-hidden className="absolute top-1 right-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white">
              {unread > 99 ? "99+" : unread}
            </span>
          )}
        </button>
      }
    >
      <div className="w-[min(24rem,calc(100vw-1.5rem))]">
        <div className="flex items-center justify-between gap-2">
          <DropdownMenuLabel>Notifications</DropdownMenuLabel>
          {unread > 0 && (
            <button
              type="button"
              onClick={() => markRead.mutate({ all: true })}
              disabled={markRead.isPending}
              className="rounded px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-50"
            >
              {markRead.isPending ? "Marking…" : "Mark all read"}
            </button>
          )}
        </div>
        {markRead.isError && <p className="px-2 pb-1 text-xs text-red-700">Could not mark them read. Try again.</p>}
        <DropdownMenuSeparator />
        {notifications.length === 0 ? (
          <p className="px-2 py-3 text-slate-600">Nothing yet. You are told here when a webhook degrades, is disabled or recovers.</p>
        ) : (
          <div className="max-h-96 overflow-y-auto">
            {notifications.map((n) => (
              <DropdownMenuItem key={n.id} asChild onSelect={() => !n.read_at && markRead.mutate({ ids: [n.id] })}>
                <Link href={n.link} className="items-start">
                  <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${n.read_at ? "bg-transparent" : "bg-indigo-600"}`} />
                  <span className="min-w-0">
                    <span className={`block ${n.read_at ? "text-slate-600" : "font-medium text-slate-900"}`}>
                      {n.message}
                      {!n.read_at && <span className="sr-only"> (unread)</span>}
                    </span>
                    <span className="block text-xs text-slate-500">
                      {n.project.name} · <RelativeTime value={n.created_at} />
                    </span>
                  </span>
                </Link>
              </DropdownMenuItem>
            ))}
          </div>
        )}
      </div>
    </DropdownMenu>
  );
}
