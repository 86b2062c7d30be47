DROP INDEX "deliveries_project_status_idx";--> statement-breakpoint
DROP INDEX "deliveries_replay_of_idx";--> statement-breakpoint
CREATE INDEX "deliveries_project_status_idx" ON "deliveries" USING btree ("project_id","status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status in ('failed', 'dead', 'paused');--> statement-breakpoint
CREATE INDEX "deliveries_replay_of_idx" ON "deliveries" USING btree ("replay_of") WHERE replay_of is not null;