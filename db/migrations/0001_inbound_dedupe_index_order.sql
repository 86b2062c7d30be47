DROP INDEX "deliveries_inbound_provider_id_idx";--> statement-breakpoint
DROP INDEX "deliveries_inbound_digest_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_inbound_provider_id_idx" ON "deliveries" USING btree ("provider_delivery_id","inbound_webhook_id") WHERE direction = 'inbound' and outcome <> 'duplicate';--> statement-breakpoint
CREATE INDEX "deliveries_inbound_digest_idx" ON "deliveries" USING btree ("request_digest","inbound_webhook_id") WHERE direction = 'inbound';