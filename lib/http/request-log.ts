// One log line per API request (request id, route, method, status, duration), written by route().
// The route is the pattern, never the path: a path can carry a credential (the inbound URL token).
import type { Logger } from "pino";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";

// A load balancer's or client's own id is kept when it looks like one (so lines join across hops).
const INCOMING_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** The route pattern of `pathname`: each path parameter's value replaced by its [name]. */
export function routePattern(pathname: string, params: Record<string, string | string[] | undefined>): string {
  const byValue = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string") byValue.set(value, `[${name}]`);
    else if (Array.isArray(value)) value.forEach((v) => byValue.set(v, `[...${name}]`));
  }
  const segments = pathname.split("/").map((s) => {
    let decoded = s;
    try {
      decoded = decodeURIComponent(s);
    } catch {
      // keep the raw segment
    }
    return byValue.get(decoded) ?? s;
  });
  // A catch-all parameter spans several segments: show it once.
  return segments.filter((s, i) => !(s.startsWith("[...") && segments[i - 1] === s)).join("/");
}

export function requestId(req: Request): string {
  const given = req.headers.get("x-request-id");
  return given && INCOMING_ID.test(given) ? given : newId("req");
}

/** Runs `handle` with a logger carrying the request id, then writes the request line and x-request-id. */
export async function logRequest(
  req: Request,
  params: Promise<Record<string, string | string[] | undefined>> | undefined,
  handle: (log: Logger) => Promise<Response>,
): Promise<Response> {
  const started = performance.now();
  const id = requestId(req);
  const log = logger.child({ request_id: id });
  let res = await handle(log);
  const pattern = routePattern(new URL(req.url).pathname, (await params?.catch(() => ({}))) ?? {});
  const line = { method: req.method, route: pattern, status: res.status, duration_ms: Math.round((performance.now() - started) * 10) / 10 };
  if (res.status >= 500) log.warn(line, "request");
  else log.info(line, "request");
  try {
    res.headers.set("x-request-id", id);
  } catch {
    // Immutable headers (a fetched Response passed through): copy it.
    res = new Response(res.body, res);
    res.headers.set("x-request-id", id);
  }
  return res;
}
