// The issue JSON the pages read from /api/v1 (presentIssue in lib/domain/issues.ts).
import type { presentIssue } from "@/lib/domain/issues";

export type IssueJson = ReturnType<typeof presentIssue>;
