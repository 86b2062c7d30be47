// Live issue updates over Server-Sent Events: GET /api/issues/stream?projectId=a&projectId=b.
import { z } from "zod";
import { Invalid } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { openLiveStream } from "@/lib/realtime/sse";
import { parseLastEventId } from "@/lib/realtime/sse-format";
import { authorizeStream } from "@/lib/realtime/stream-access";

export const dynamic = "force-dynamic";

const projectIds = z.array(z.string().min(1).max(100)).min(1, "Give at least one projectId.").max(20, "At most 20 projects per stream.");

export const GET = route(async (req) => {
  const url = new URL(req.url);
  const ids = projectIds.safeParse([...new Set(url.searchParams.getAll("projectId"))]);
  if (!ids.success) throw new Invalid(ids.error.issues[0].message, [{ path: "projectId", message: ids.error.issues[0].message }]);
  // Membership of every project (401 anonymous, 404 outsider), re-checked while the stream is open.
  const access = await authorizeStream(req, ids.data);
  const lastEventId = parseLastEventId(req.headers.get("last-event-id"), url.searchParams.get("lastEventId"));
  return openLiveStream({ ...access, lastEventId, signal: req.signal });
});
