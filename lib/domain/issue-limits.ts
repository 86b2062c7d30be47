// What an issue's fields hold at most: the API's input schema (./issues.ts) and the reading of a
// tracker's values (lib/inbound/bounded.ts, which cuts free text to fit) share these. Pure.
import { MAX_LINK_URL_LENGTH } from "@/lib/http/safe-url";

export const ISSUE_LIMITS = {
  title: 500,
  description: 50_000,
  label: 100,
  labels: 50,
  assignee: 200,
  /** An external key: "PROJ-7", "owner/repo#12", "42". */
  key: 200,
  url: MAX_LINK_URL_LENGTH,
} as const;
