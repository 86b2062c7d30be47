DROP INDEX "deliveries_due_idx";--> statement-breakpoint
CREATE INDEX "deliveries_project_status_idx" ON "deliveries" USING btree ("project_id","status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("next_attempt_at") WHERE direction = 'outbound' and status in ('pending', 'failed', 'delivering');