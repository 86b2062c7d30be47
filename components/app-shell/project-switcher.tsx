"use client";
import Link from "next/link";
import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { DropdownMenu, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";

export type SwitcherProject = { id: string; name: string };

export function ProjectSwitcher({ current, projects }: { current: SwitcherProject; projects: SwitcherProject[] }) {
  return (
    <DropdownMenu
      align="start"
      trigger={
        <button
          type="button"
          aria-label={`Current project: ${current.name}. Switch project`}
          className="inline-flex min-w-0 items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <span className="max-w-[9rem] truncate sm:max-w-xs">{current.name}</span>
          <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-slate-500" />
        </button>
      }
    >
      <DropdownMenuLabel>Your projects</DropdownMenuLabel>
      {projects.map((p) => (
        <DropdownMenuItem key={p.id} asChild>
          <Link href={`/projects/${p.id}`} aria-current={p.id === current.id ? "page" : undefined}>
            <Check aria-hidden className={p.id === current.id ? "size-4" : "size-4 opacity-0"} />
            <span className="truncate">{p.name}</span>
          </Link>
        </DropdownMenuItem>
      ))}
      <DropdownMenuSeparator />
      <DropdownMenuItem asChild>
        <Link href="/projects">
          <Plus aria-hidden className="size-4" /> All projects · new project
        </Link>
      </DropdownMenuItem>
    </DropdownMenu>
  );
}
