-- Recover and the webhook replies at scale (issue 13). Recover's per-candidate probe reads one webhook's copies
-- of an event (event_id, outbound_webhook_id) instead of the event's whole fan-out; its candidates come newest
-- first from the partial recover index, (created_at, id) as it orders them, so it stops at the cap; and each
-- webhook's latest Send Test is one probe of a partial index that only Send Test rows enter. The event index
-- is replaced, not added to: a delivery that is not a Send Test and never fails maintains as many indexes as before.
DROP INDEX "deliveries_event_idx";--> statement-breakpoint
DROP INDEX "deliveries_recover_idx";--> statement-breakpoint
CREATE INDEX "deliveries_event_webhook_idx" ON "deliveries" USING btree ("event_id","outbound_webhook_id");--> statement-breakpoint
CREATE INDEX "deliveries_latest_test_idx" ON "deliveries" USING btree ("outbound_webhook_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE test;--> statement-breakpoint
CREATE INDEX "deliveries_recover_idx" ON "deliveries" USING btree ("outbound_webhook_id","created_at","id") WHERE status in ('failed', 'dead');