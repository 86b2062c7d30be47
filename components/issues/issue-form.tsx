"use client";
// Create and edit share one form; the server's field errors show next to their inputs.
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field, FormError } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { api, ApiError, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { STATE_OPTIONS } from "./issue-badges";
import type { IssueJson } from "./types";

export function IssueForm({ projectId, issue }: { projectId: string; issue?: IssueJson }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(issue?.title ?? "");
  const [description, setDescription] = useState(issue?.description ?? "");
  const [state, setState] = useState<string>(issue?.state ?? "open");
  const [labels, setLabels] = useState(issue?.labels.join(", ") ?? "");
  const [assignee, setAssignee] = useState(issue?.assignee ?? "");
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const body = {
      title,
      description,
      state,
      labels: labels.split(",").map((l) => l.trim()).filter(Boolean),
      assignee: assignee.trim() || null,
    };
    try {
      const res = issue
        ? await api<{ issue: IssueJson }>(`/projects/${projectId}/issues/${issue.id}`, { method: "PATCH", body })
        : await api<{ issue: IssueJson }>(`/projects/${projectId}/issues`, { method: "POST", body });
      queryClient.setQueryData(queryKeys.issue(projectId, res.issue.id), res.issue);
      void queryClient.invalidateQueries({ queryKey: queryKeys.issues(projectId), exact: true });
      toast({ tone: "success", title: issue ? "Issue saved" : "Issue created" });
      router.push(`/projects/${projectId}/issues/${res.issue.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, errorMessage(err)));
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-label={issue ? "Edit issue" : "New issue"}>
      <Field id="issue-title" label="Title" error={error?.fieldError("title")}>
        <Input id="issue-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={500} autoFocus />
      </Field>
      <Field id="issue-state" label="State" error={error?.fieldError("state")}>
        <Select id="issue-state" value={state} onValueChange={setState} options={STATE_OPTIONS} />
      </Field>
      <Field id="issue-assignee" label="Assignee" hint="Optional." error={error?.fieldError("assignee")}>
        <Input id="issue-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} />
      </Field>
      <Field id="issue-labels" label="Labels" hint="Comma-separated, e.g. bug, login." error={error?.fieldError("labels")}>
        <Input id="issue-labels" value={labels} onChange={(e) => setLabels(e.target.value)} />
      </Field>
      <Field id="issue-description" label="Description" error={error?.fieldError("description")}>
        <Textarea id="issue-description" value={description} onChange={(e) => setDescription(e.target.value)} rows={6} />
      </Field>
      <FormError error={error} />
      <div className="flex gap-2">
        <Button type="submit" pending={pending}>
          {issue ? "Save issue" : "Create issue"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
