-- Attempts are keyed by (delivery, n) instead of a serial id: one index less per attempt written. Request headers are no
-- longer stored as a document per attempt: the custom header names are what varies, the rest is rebuilt (lib/outbound/request.ts).
ALTER TABLE "delivery_attempts" ADD COLUMN "custom_header_names" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
UPDATE "delivery_attempts" SET "custom_header_names" = ARRAY(
  SELECT k FROM jsonb_object_keys("request_headers") AS k
  WHERE k NOT IN ('content-type', 'user-agent', 'webhook-id', 'webhook-timestamp', 'webhook-signature', 'x-switchyard-signature-256', 'x-switchyard-event', 'x-switchyard-delivery')
) WHERE jsonb_typeof("request_headers") = 'object';--> statement-breakpoint
-- (delivery, n) is unique by construction (each claim numbers its attempt anew); keep the latest row should an old one repeat.
DELETE FROM "delivery_attempts" a USING "delivery_attempts" b WHERE a."delivery_id" = b."delivery_id" AND a."n" = b."n" AND a."id" < b."id";--> statement-breakpoint
DROP INDEX "delivery_attempts_delivery_idx";--> statement-breakpoint
ALTER TABLE "delivery_attempts" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "delivery_attempts" DROP COLUMN "request_headers";--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_n_pk" PRIMARY KEY("delivery_id","n");
