"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { useToast } from "@/components/ui/toast";
import { api, singleFieldError } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

export function RenameProject({ projectId, name: initialName }: { projectId: string; name: string }) {
  const [name, setName] = useState(initialName);
  const client = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const rename = useMutation({
    mutationFn: () => api<{ project: { name: string } }>(`/projects/${projectId}`, { method: "PATCH", body: { name } }),
    onSuccess: async ({ project }) => {
      await client.invalidateQueries({ queryKey: queryKeys.projects() });
      toast({ title: `Renamed to “${project.name}”`, tone: "success" });
      router.refresh(); // the switcher in the layout shows the new name
    },
  });
  return (
    <Card className="max-w-xl">
      <CardHeader title="Project name" description="Shown in the project switcher and in every event's project.name." />
      <CardBody>
        <form
          className="flex flex-col gap-3 sm:flex-row sm:items-start"
          onSubmit={(e) => {
            e.preventDefault();
            rename.mutate();
          }}
        >
          <Field id="project-rename" label="Name" className="flex-1" error={singleFieldError(rename.error, "name")}>
            <Input id="project-rename" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
          </Field>
          <Button type="submit" pending={rename.isPending} disabled={name.trim() === initialName} className="sm:mt-6">
            Rename
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
