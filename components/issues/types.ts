// The issue JSON the pages read from /api/v1 (presentIssue in lib/domain/issues.ts).
import type { presentIssue } from "@/lib/domain/issues";

export type IssueJson = ReturnType<typeof presentIssue>;
/** GET /projects/{p}/issues: one keyset page. */
export type IssuePageJson = { issues: IssueJson[]; next_cursor: string | null };
