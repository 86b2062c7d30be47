// The cron runner's door: `Authorization: Bearer $CRON_SECRET`, compared in constant time.
import "server-only";
import { bearerMatches } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";
import { Unauthorized } from "@/lib/http/errors";

export function requireCronSecret(req: Request): void {
  const expected = env().CRON_SECRET;
  // Without a configured secret nobody may trigger a drain from outside.
  if (!expected || !bearerMatches(req, expected)) throw new Unauthorized("Send Authorization: Bearer $CRON_SECRET.");
}
