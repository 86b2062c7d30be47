// The scraper's door: `Authorization: Bearer $METRICS_TOKEN`. With no token configured the endpoint
// answers 404 — metrics are off unless an operator turns them on — and 401 to a missing or wrong token.
import "server-only";
import { bearerMatches } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";
import { NotFound, Unauthorized } from "@/lib/http/errors";

export function requireMetricsToken(req: Request): void {
  const expected = env().METRICS_TOKEN;
  if (!expected) throw new NotFound("Metrics are off: set METRICS_TOKEN to expose them.");
  if (!bearerMatches(req, expected)) throw new Unauthorized("Send Authorization: Bearer $METRICS_TOKEN.");
}
