// Prometheus scrape target: Authorization: Bearer $METRICS_TOKEN. Without METRICS_TOKEN configured
// the endpoint does not exist (404), so no deployment exposes metrics by accident.
import { route } from "@/lib/http/route";
import { requireMetricsToken } from "@/lib/metrics/access";
import { renderMetrics } from "@/lib/metrics/collect";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  requireMetricsToken(req);
  const { text, contentType } = await renderMetrics();
  return new Response(text, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
