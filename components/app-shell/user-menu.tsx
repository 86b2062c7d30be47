"use client";
import Link from "next/link";
import { ChevronDown, KeyRound, LogOut, UserRound } from "lucide-react";
import { DropdownMenu, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";
import { signOutAction } from "@/lib/auth/actions";

export function UserMenu({ name, email }: { name: string; email: string }) {
  return (
    <DropdownMenu
      trigger={
        <button
          type="button"
          className="inline-flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          aria-label={`Account menu for ${name || email}`}
        >
          <span aria-hidden className="flex size-7 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-800">
            {(name || email).slice(0, 1).toUpperCase()}
          </span>
          <span className="hidden max-w-40 truncate sm:inline">{name || email}</span>
          <ChevronDown aria-hidden className="size-4 text-slate-500" />
        </button>
      }
    >
      <DropdownMenuLabel>
        <span className="block truncate text-slate-900">{name}</span>
        <span className="block truncate font-normal">{email}</span>
      </DropdownMenuLabel>
      <DropdownMenuSeparator />
      <DropdownMenuItem asChild>
        <Link href="/projects">
          <UserRound aria-hidden className="size-4" /> My projects
        </Link>
      </DropdownMenuItem>
      <DropdownMenuItem asChild>
        <Link href="/settings/tokens">
          <KeyRound aria-hidden className="size-4" /> Account settings · API tokens
        </Link>
      </DropdownMenuItem>
      <DropdownMenuSeparator />
      {/* A real form post: signing out works even before the page's JavaScript has loaded. */}
      <form action={signOutAction}>
        <DropdownMenuItem asChild onSelect={(e) => e.preventDefault()}>
          <button type="submit" className="w-full">
            <LogOut aria-hidden className="size-4" /> Sign out
          </button>
        </DropdownMenuItem>
      </form>
    </DropdownMenu>
  );
}
