// The cron runner's door: `Authorization: Bearer $CRON_SECRET`, compared in constant time.
import "server-only";
import { safeEqual } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";
import { Unauthorized } from "@/lib/http/errors";

export function requireCronSecret(req: Request): void {
  const expected = env().CRON_SECRET;
  const header = req.headers.get("authorization") ?? "";
  const given = header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : "";
  // Without a configured secret nobody may trigger a drain from outside.
  if (!expected || !safeEqual(given, expected)) throw new Unauthorized("Send Authorization: Bearer $CRON_SECRET.");
}
