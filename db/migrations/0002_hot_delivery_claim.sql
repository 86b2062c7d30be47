-- A claim now only sets lease_until and attempts: a claimed row keeps its pending/failed status (the API shows it as delivering while leased).
UPDATE "deliveries" SET "status" = (CASE WHEN "attempts" > 1 THEN 'failed' ELSE 'pending' END)::delivery_status WHERE "status" = 'delivering';--> statement-breakpoint
-- Room on each page for every row's claimed version (a claim rewrites whole batches of neighbouring rows), so the claim stays a HOT update: no index entries written. At 70 about half of the claims were not HOT.
ALTER TABLE "deliveries" SET (fillfactor = 50);--> statement-breakpoint
DROP INDEX "deliveries_due_idx";--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("next_attempt_at") WHERE direction = 'outbound' and status in ('pending', 'failed');
