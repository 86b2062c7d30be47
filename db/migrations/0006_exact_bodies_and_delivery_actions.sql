ALTER TABLE "deliveries" ADD COLUMN "test" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "inbound_provider" "issue_provider";--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD COLUMN "response_headers" jsonb;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD COLUMN "request_body" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "body" text;--> statement-breakpoint
-- Data step (hand-written): existing events get a body built from their jsonb payload, top-level keys in
-- the documented order (json_build_object keeps the order it is given). What was sent before this
-- migration cannot be recovered: jsonb kept neither the nested key order nor the whitespace, so an old
-- event's body differs from the bytes its earlier attempts sent. From here on every attempt, replay and
-- Send Test of it sends this body, so its signatures and the drawer agree with each other.
UPDATE "events" SET "body" = json_build_object(
  'id', "payload"->'id', 'type', "payload"->'type', 'created_at', "payload"->'created_at',
  'project', "payload"->'project', 'data', "payload"->'data')::text;--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "body" SET NOT NULL;--> statement-breakpoint
-- Data step: Send Test deliveries were recognisable only by their event type; inbound rows take their
-- tracker from the webhook that still exists (rows of replaced webhooks stay unlabelled).
UPDATE "deliveries" SET "test" = true WHERE "event_type" = 'webhook.test';--> statement-breakpoint
UPDATE "deliveries" d SET "inbound_provider" = w."provider" FROM "inbound_webhooks" w
  WHERE d."direction" = 'inbound' AND w."id" = d."inbound_webhook_id";--> statement-breakpoint
CREATE INDEX "deliveries_event_idx" ON "deliveries" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "deliveries_recover_idx" ON "deliveries" USING btree ("outbound_webhook_id","created_at") WHERE status in ('failed', 'dead');--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "payload";