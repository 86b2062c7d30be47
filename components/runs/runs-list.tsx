"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { GitBranch, PlayCircle, Plus } from "lucide-react";
import { PageHeader } from "@/components/app-shell/page-header";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { PagedTable } from "@/components/ui/paged-table";
import { Field } from "@/components/ui/label";
import { RelativeTime } from "@/components/ui/relative-time";
import { TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { api, ApiError, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { usePagedList } from "@/lib/use-paged-list";
import { ResultSummary, RunStateBadge } from "./run-badges";
import type { ApiRun, RunKindView } from "./types";

function listKey(kind: RunKindView, projectId: string) {
  return kind.key === "test_run" ? queryKeys.testRuns(projectId) : queryKeys.sessions(projectId);
}

export function RunsList({ kind, projectId, initial }: { kind: RunKindView; projectId: string; initial: Record<string, unknown> }) {
  const list = usePagedList<ApiRun>({ queryKey: listKey(kind, projectId), path: `/projects/${projectId}/${kind.path}`, itemsKey: kind.plural, initial });
  const title = kind.title.toLowerCase();
  return (
    <>
      <PageHeader
        title={kind.title}
        description={kind.key === "test_run" ? "Planned and automated test runs, their results and their state." : "Exploratory testing sessions with a charter."}
        actions={<CreateRunDialog kind={kind} projectId={projectId} />}
      />
      <PagedTable
        list={list}
        caption={`${kind.title}, newest first`}
        empty={
          <EmptyState
            icon={<PlayCircle className="size-8" />}
            title={`No ${title} yet`}
            description={`Create a ${kind.noun} to record results; every change is sent to this project's webhooks.`}
            action={<CreateRunDialog kind={kind} projectId={projectId} />}
          />
        }
        noun={[kind.noun, title]}
      >
        <TableHead>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>State</TableHeaderCell>
          <TableHeaderCell hideBelow="md">Results</TableHeaderCell>
          <TableHeaderCell hideBelow="sm">Created</TableHeaderCell>
        </TableHead>
        <TableBody>
          {list.items.map((run) => (
            <TableRow key={run.id} data-testid="run-row">
              <TableCell className="min-w-48">
                <Link href={`/projects/${projectId}/${kind.path}/${run.id}`} className="font-medium break-words text-slate-900 hover:text-indigo-700 hover:underline">
                  {run.name}
                </Link>
                {/* What the hidden columns say, in one line, where they are hidden. */}
                <div className="mt-0.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
                  <span className="md:hidden">
                    <ResultSummary counts={run.result_counts} />
                  </span>
                  {run.git?.branch && (
                    <span className="inline-flex items-center gap-1 font-mono">
                      <GitBranch aria-hidden className="size-3" /> {run.git.branch}
                    </span>
                  )}
                </div>
              </TableCell>
              <TableCell>
                <RunStateBadge state={run.state} />
              </TableCell>
              <TableCell hideBelow="md" className="text-xs">
                <ResultSummary counts={run.result_counts} />
              </TableCell>
              <TableCell hideBelow="sm" className="whitespace-nowrap text-slate-600">
                <RelativeTime value={run.created_at} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </PagedTable>
    </>
  );
}

function CreateRunDialog({ kind, projectId }: { kind: RunKindView; projectId: string }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const toast = useToast();
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: (form: FormData) => {
      const branch = String(form.get("branch") ?? "").trim();
      const commit = String(form.get("commit_sha") ?? "").trim();
      return api<Record<string, ApiRun>>(`/projects/${projectId}/${kind.path}`, {
        body: {
          name: form.get("name"),
          ...(kind.key === "session" ? { charter: form.get("charter") ?? "" } : {}),
          ...(branch || commit ? { git: { branch: branch || null, commit_sha: commit || null } } : {}),
        },
      });
    },
    onSuccess: async (res) => {
      const run = res[kind.key];
      await client.invalidateQueries({ queryKey: listKey(kind, projectId) });
      toast({ title: `Created ${kind.noun} “${run.name}”`, tone: "success" });
      setOpen(false);
      router.push(`/projects/${projectId}/${kind.path}/${run.id}`);
    },
  });
  const err = create.error instanceof ApiError ? create.error : undefined;
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) create.reset();
      }}
      title={`New ${kind.noun}`}
      trigger={
        <Button>
          <Plus aria-hidden className="size-4" /> New {kind.noun}
        </Button>
      }
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(new FormData(e.currentTarget));
        }}
      >
        <Field id="run-name" label="Name" error={err?.fieldError("name")}>
          <Input id="run-name" name="name" required maxLength={200} autoFocus placeholder={kind.key === "test_run" ? "Release 1.5 regression" : "Explore checkout"} />
        </Field>
        {kind.key === "session" && (
          <Field id="run-charter" label="Charter" hint="What this session explores." error={err?.fieldError("charter")}>
            <Textarea id="run-charter" name="charter" maxLength={10000} />
          </Field>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="run-branch" label="Branch (optional)" error={err?.fieldError("git.branch")}>
            <Input id="run-branch" name="branch" placeholder="main" />
          </Field>
          <Field id="run-commit" label="Commit SHA (optional)" error={err?.fieldError("git.commit_sha")}>
            <Input id="run-commit" name="commit_sha" placeholder="9f8e7d6" className="font-mono" />
          </Field>
        </div>
        {create.error && !err?.errors.length && (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(create.error)}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <DialogClose>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" pending={create.isPending}>
            Create {kind.noun}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
