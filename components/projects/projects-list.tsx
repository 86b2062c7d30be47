"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FolderKanban, Plus } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toast";
import { api, singleFieldError } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

export type ApiProject = { id: string; name: string; role?: "admin" | "member"; created_at: string };

export function ProjectsList({ initial }: { initial: ApiProject[] }) {
  const query = useQuery({
    queryKey: queryKeys.projects(),
    queryFn: async () => (await api<{ projects: ApiProject[] }>("/projects")).projects,
    initialData: initial,
  });
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <section aria-labelledby="my-projects">
        <h2 id="my-projects" className="mb-3 text-sm font-semibold text-slate-900">
          Your projects
        </h2>
        {query.data.length === 0 ? (
          <EmptyState
            icon={<FolderKanban className="size-8" />}
            title="You are not in any project yet"
            description="Create one (you become its admin), or ask a project admin to add you by email."
          />
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {query.data.map((p) => (
              <li key={p.id}>
                <Link
                  href={`/projects/${p.id}`}
                  className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-indigo-300 hover:shadow focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  <span className="flex items-start justify-between gap-2">
                    <span className="font-medium break-words text-slate-900">{p.name}</span>
                    {p.role && <Badge tone={p.role === "admin" ? "blue" : "neutral"}>{p.role === "admin" ? "Admin" : "Member"}</Badge>}
                  </span>
                  <span className="mt-1 block text-xs text-slate-500">
                    created <RelativeTime value={p.created_at} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <CreateProjectCard />
    </div>
  );
}

function CreateProjectCard() {
  const [name, setName] = useState("");
  const client = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const create = useMutation({
    mutationFn: () => api<{ project: ApiProject }>("/projects", { body: { name } }),
    onSuccess: async ({ project }) => {
      await client.invalidateQueries({ queryKey: queryKeys.projects() });
      toast({ title: `Created “${project.name}”`, description: "You are its admin.", tone: "success" });
      router.push(`/projects/${project.id}`);
    },
  });
  return (
    <Card className="h-fit">
      <CardHeader title="New project" description="You become its admin and can add people by email." />
      <CardBody>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Field id="project-name" label="Project name" error={singleFieldError(create.error, "name")}>
            <Input id="project-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="Checkout service" />
          </Field>
          <Button type="submit" pending={create.isPending} className="w-full">
            <Plus aria-hidden className="size-4" /> Create project
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
