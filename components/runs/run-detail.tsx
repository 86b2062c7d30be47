"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, CheckCircle2, Copy, GitBranch, GitCommit } from "lucide-react";
import { PageHeader } from "@/components/app-shell/page-header";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Label } from "@/components/ui/label";
import { RelativeTime } from "@/components/ui/relative-time";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { api, ApiError, errorMessage } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { ResultStatusBadge, ResultSummary, RunStateBadge } from "./run-badges";
import { STATE_LABEL, STATUS_LABEL, type ApiResult, type ApiRun, type ResultStatus, type RunKindView } from "./types";

type Detail = { run: ApiRun; results: ApiResult[] };
type CaseOption = { id: string; title: string };
const NO_CASE = "none";

export function RunDetail({ kind, projectId, initial, cases }: { kind: RunKindView; projectId: string; initial: Detail; cases: CaseOption[] }) {
  const runId = initial.run.id;
  const key = kind.key === "test_run" ? queryKeys.testRun(projectId, runId) : queryKeys.session(projectId, runId);
  const listKey = kind.key === "test_run" ? queryKeys.testRuns(projectId) : queryKeys.sessions(projectId);
  const base = `/projects/${projectId}/${kind.path}/${runId}`;
  const client = useQueryClient();
  const toast = useToast();
  const router = useRouter();
  const query = useQuery({
    queryKey: key,
    queryFn: async () => {
      const res = await api<Record<string, unknown>>(base);
      return { run: res[kind.key] as ApiRun, results: res.results as ApiResult[] };
    },
    initialData: initial,
  });
  const { run, results } = query.data;
  const completed = run.state === "completed";
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: key }), client.invalidateQueries({ queryKey: listKey })]);
  const onError = (what: string) => (err: Error) => toast({ title: `Could not ${what}`, description: errorMessage(err), tone: "error" });

  const changeState = useMutation({
    mutationFn: (state: string) => api(`${base}/state`, { body: { state } }),
    onSuccess: async (_res, state) => {
      await refresh();
      toast({ title: `State changed to ${STATE_LABEL[state as keyof typeof STATE_LABEL].toLowerCase()}`, tone: "success" });
    },
    onError: onError("change the state"),
  });
  const [confirmComplete, setConfirmComplete] = useState(false);
  const complete = useMutation({
    mutationFn: () => api(`${base}/complete`, { method: "POST" }),
    onSuccess: async () => {
      await refresh();
      setConfirmComplete(false);
      toast({ title: `Completed “${run.name}”`, tone: "success" });
    },
    onError: onError(`complete the ${kind.noun}`),
  });
  const duplicate = useMutation({
    mutationFn: () => api<Record<string, ApiRun>>(`${base}/duplicate`, { method: "POST" }),
    onSuccess: async (res) => {
      const copy = res[kind.key];
      await client.invalidateQueries({ queryKey: listKey });
      toast({ title: `Created “${copy.name}”`, tone: "success" });
      router.push(`/projects/${projectId}/${kind.path}/${copy.id}`);
    },
    onError: onError(`duplicate the ${kind.noun}`),
  });

  return (
    <>
      <PageHeader
        back={
          <Link href={`/projects/${projectId}/${kind.path}`} className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
            <ArrowLeft aria-hidden className="size-4" /> {kind.title}
          </Link>
        }
        title={run.name}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <RunStateBadge state={run.state} />
            {run.git?.branch && (
              <span className="inline-flex items-center gap-1 font-mono text-xs">
                <GitBranch aria-hidden className="size-3.5" /> {run.git.branch}
              </span>
            )}
            {run.git?.commit_sha && (
              <span className="inline-flex items-center gap-1 font-mono text-xs">
                <GitCommit aria-hidden className="size-3.5" /> {run.git.commit_sha.slice(0, 12)}
              </span>
            )}
            <span>
              created <RelativeTime value={run.created_at} />
            </span>
            {run.completed_at && (
              <span>
                completed <RelativeTime value={run.completed_at} />
              </span>
            )}
          </span>
        }
        actions={
          <>
            {!completed && (
              <div className="w-40">
                <Select
                  aria-label="State"
                  value={run.state}
                  disabled={changeState.isPending}
                  onValueChange={(state) => state !== run.state && changeState.mutate(state)}
                  options={(["new", "in_progress", "blocked"] as const).map((s) => ({ value: s, label: STATE_LABEL[s] }))}
                />
              </div>
            )}
            <Button variant="secondary" pending={duplicate.isPending} onClick={() => duplicate.mutate()}>
              <Copy aria-hidden className="size-4" /> Duplicate
            </Button>
            {!completed && (
              <AlertDialog
                open={confirmComplete}
                onOpenChange={setConfirmComplete}
                trigger={
                  <Button>
                    <CheckCircle2 aria-hidden className="size-4" /> Complete
                  </Button>
                }
                title={`Complete “${run.name}”?`}
                description={`A completed ${kind.noun} takes no more results or state changes. You can duplicate it to run it again.`}
                confirmLabel={`Complete ${kind.noun}`}
                pending={complete.isPending}
                onConfirm={() => complete.mutate()}
              />
            )}
          </>
        }
      />
      {run.charter !== undefined && run.charter !== "" && (
        <Card className="mb-5">
          <CardHeader title="Charter" />
          <CardBody>
            <p className="text-sm whitespace-pre-wrap text-slate-800">{run.charter}</p>
          </CardBody>
        </Card>
      )}
      <div className="grid gap-5 lg:grid-cols-[1fr_20rem]">
        <Card>
          <CardHeader title="Results" description={<ResultSummary counts={countOf(results)} />} />
          {results.length === 0 ? (
            <CardBody>
              <EmptyState title="No results yet" description={completed ? `This ${kind.noun} was completed without results.` : "Add the first result with the form."} />
            </CardBody>
          ) : (
            <ul className="divide-y divide-slate-200">
              {results.map((r) => (
                <li key={r.id} className="flex flex-wrap items-start gap-3 px-4 py-3 sm:px-5">
                  <ResultStatusBadge status={r.status} />
                  <div className="min-w-0 flex-1 text-sm">
                    <p className="font-medium text-slate-900">{cases.find((c) => c.id === r.case_id)?.title ?? (r.case_id ? "Deleted case" : "No case")}</p>
                    {r.comment && <p className="mt-0.5 whitespace-pre-wrap text-slate-600">{r.comment}</p>}
                  </div>
                  <span className="text-xs text-slate-500">
                    <RelativeTime value={r.created_at} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {completed ? (
          <Card className="h-fit">
            <CardHeader title="Completed" />
            <CardBody>
              <p className="text-sm text-slate-600">This {kind.noun} is completed and takes no more results. Duplicate it to run it again.</p>
            </CardBody>
          </Card>
        ) : (
          <AddResultForm base={base} cases={cases} onAdded={refresh} />
        )}
      </div>
    </>
  );
}

function countOf(results: ApiResult[]) {
  const counts = { total: results.length, passed: 0, failed: 0, blocked: 0, skipped: 0, retest: 0 };
  for (const r of results) counts[r.status] += 1;
  return counts;
}

function AddResultForm({ base, cases, onAdded }: { base: string; cases: CaseOption[]; onAdded: () => Promise<unknown> }) {
  const [status, setStatus] = useState<ResultStatus>("passed");
  const [caseId, setCaseId] = useState(NO_CASE);
  const [comment, setComment] = useState("");
  const toast = useToast();
  const add = useMutation({
    mutationFn: () => api(`${base}/results`, { body: { status, case_id: caseId === NO_CASE ? null : caseId, comment } }),
    onSuccess: async () => {
      await onAdded();
      setComment("");
      toast({ title: `Added a ${STATUS_LABEL[status].toLowerCase()} result`, tone: "success" });
    },
  });
  const err = add.error instanceof ApiError ? add.error : undefined;
  return (
    <Card className="h-fit">
      <CardHeader title="Add a result" />
      <CardBody>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <div className="space-y-1">
            <Label htmlFor="result-status">Status</Label>
            <Select
              id="result-status"
              value={status}
              onValueChange={(v) => setStatus(v as ResultStatus)}
              options={(Object.keys(STATUS_LABEL) as ResultStatus[]).map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
            />
          </div>
          <div className="space-y-1">
            <Label htmlFor="result-case">Case</Label>
            <Select
              id="result-case"
              value={caseId}
              onValueChange={setCaseId}
              options={[{ value: NO_CASE, label: "No case" }, ...cases.map((c) => ({ value: c.id, label: c.title }))]}
            />
            {err?.fieldError("case_id") && <p className="text-xs text-red-700">{err.fieldError("case_id")}</p>}
          </div>
          <Field id="result-comment" label="Comment (optional)" error={err?.fieldError("comment")}>
            <Textarea id="result-comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={10000} />
          </Field>
          {add.error && !err?.errors.length && (
            <p role="alert" className="text-sm text-red-700">
              {errorMessage(add.error)}
            </p>
          )}
          <Button type="submit" pending={add.isPending} className="w-full">
            Add result
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
