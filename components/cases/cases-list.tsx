"use client";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ClipboardList, Pencil, Plus, Trash2 } from "lucide-react";
import { PageHeader } from "@/components/app-shell/page-header";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { PagedTable } from "@/components/ui/paged-table";
import { Field, Label } from "@/components/ui/label";
import { RelativeTime } from "@/components/ui/relative-time";
import { Select } from "@/components/ui/select";
import { TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { api, ApiError, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { usePagedList } from "@/lib/use-paged-list";

type Priority = "low" | "medium" | "high";
export type ApiCase = { id: string; title: string; description: string; priority: Priority; created_at: string; updated_at: string };
/** GET /projects/{p}/cases: one keyset page. */
export type CasePageJson = { cases: ApiCase[]; next_cursor: string | null };

const PRIORITY_TONE = { low: "neutral", medium: "blue", high: "red" } as const;
const PRIORITIES: Array<{ value: Priority; label: string }> = [
  { value: "low", label: "Low" },
  { value: "medium", label: "Medium" },
  { value: "high", label: "High" },
];

export function CasesList({ projectId, initial }: { projectId: string; initial: CasePageJson }) {
  const list = usePagedList<ApiCase>({ queryKey: queryKeys.cases(projectId), path: `/projects/${projectId}/cases`, itemsKey: "cases", initial });
  return (
    <>
      <PageHeader title="Cases" description="The test cases results are recorded against." actions={<CaseDialog projectId={projectId} />} />
      <PagedTable
        list={list}
        caption="Cases, newest first"
        empty={<EmptyState icon={<ClipboardList className="size-8" />} title="No cases yet" description="Write down what to test; runs and sessions record results against cases." action={<CaseDialog projectId={projectId} />} />}
        noun={["case", "cases"]}
      >
        <TableHead>
          <TableHeaderCell>Case</TableHeaderCell>
          <TableHeaderCell>Priority</TableHeaderCell>
          <TableHeaderCell hideBelow="sm">Updated</TableHeaderCell>
          <TableHeaderCell>
            <span className="sr-only">Actions</span>
          </TableHeaderCell>
        </TableHead>
        <TableBody>
          {list.items.map((c) => (
            <TableRow key={c.id} data-testid="case-row">
              <TableCell className="min-w-48">
                <p className="font-medium break-words text-slate-900">{c.title}</p>
                {c.description && <p className="mt-0.5 line-clamp-2 text-sm text-slate-600">{c.description}</p>}
              </TableCell>
              <TableCell>
                <Badge tone={PRIORITY_TONE[c.priority]}>{c.priority}</Badge>
              </TableCell>
              <TableCell hideBelow="sm" className="whitespace-nowrap text-slate-600">
                <RelativeTime value={c.updated_at} />
              </TableCell>
              <TableCell>
                <div className="-my-1.5 flex justify-end gap-1">
                  <CaseDialog projectId={projectId} existing={c} />
                  <DeleteCase projectId={projectId} item={c} />
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </PagedTable>
    </>
  );
}

function CaseDialog({ projectId, existing }: { projectId: string; existing?: ApiCase }) {
  const [open, setOpen] = useState(false);
  const [priority, setPriority] = useState<Priority>(existing?.priority ?? "medium");
  const client = useQueryClient();
  const toast = useToast();
  const save = useMutation({
    mutationFn: (form: FormData) => {
      const body = { title: form.get("title"), description: form.get("description") ?? "", priority };
      return existing
        ? api<{ case: ApiCase }>(`/projects/${projectId}/cases/${existing.id}`, { method: "PATCH", body })
        : api<{ case: ApiCase }>(`/projects/${projectId}/cases`, { body });
    },
    onSuccess: async (res) => {
      await client.invalidateQueries({ queryKey: queryKeys.cases(projectId) });
      toast({ title: existing ? `Saved “${res.case.title}”` : `Created case “${res.case.title}”`, tone: "success" });
      setOpen(false);
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const idp = existing ? `case-${existing.id}` : "case-new";
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) save.reset();
      }}
      title={existing ? "Edit case" : "New case"}
      trigger={
        existing ? (
          <Button variant="ghost" size="sm" aria-label={`Edit ${existing.title}`}>
            <Pencil aria-hidden className="size-4" />
          </Button>
        ) : (
          <Button>
            <Plus aria-hidden className="size-4" /> New case
          </Button>
        )
      }
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(new FormData(e.currentTarget));
        }}
      >
        <Field id={`${idp}-title`} label="Title" error={err?.fieldError("title")}>
          <Input id={`${idp}-title`} name="title" defaultValue={existing?.title} required maxLength={200} autoFocus />
        </Field>
        <Field id={`${idp}-description`} label="Description (optional)" error={err?.fieldError("description")}>
          <Textarea id={`${idp}-description`} name="description" defaultValue={existing?.description} rows={4} />
        </Field>
        <div className="space-y-1">
          <Label htmlFor={`${idp}-priority`}>Priority</Label>
          <Select id={`${idp}-priority`} value={priority} onValueChange={(v) => setPriority(v as Priority)} options={PRIORITIES} />
        </div>
        {save.error && !err?.errors.length && (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(save.error)}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <DialogClose>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" pending={save.isPending}>
            {existing ? "Save case" : "Create case"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteCase({ projectId, item }: { projectId: string; item: ApiCase }) {
  const [open, setOpen] = useState(false);
  const client = useQueryClient();
  const toast = useToast();
  const remove = useMutation({
    mutationFn: () => api(`/projects/${projectId}/cases/${item.id}`, { method: "DELETE" }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.cases(projectId) });
      setOpen(false);
      toast({ title: `Deleted “${item.title}”`, tone: "success" });
    },
    onError: (err) => toast({ title: "Could not delete the case", description: errorMessage(err), tone: "error" }),
  });
  return (
    <AlertDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Delete ${item.title}`}>
          <Trash2 aria-hidden className="size-4 text-red-600" />
        </Button>
      }
      title={`Delete “${item.title}”?`}
      description="Results already recorded against it stay, without their case."
      confirmLabel="Delete case"
      danger
      pending={remove.isPending}
      onConfirm={() => remove.mutate()}
    />
  );
}
