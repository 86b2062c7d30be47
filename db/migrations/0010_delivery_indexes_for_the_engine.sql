DROP INDEX "deliveries_project_direction_idx";--> statement-breakpoint
DROP INDEX "deliveries_due_idx";--> statement-breakpoint
CREATE INDEX "deliveries_project_inbound_idx" ON "deliveries" USING btree ("project_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE direction = 'inbound';--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("outbound_webhook_id","next_attempt_at") WHERE direction = 'outbound' and status in ('pending', 'failed');