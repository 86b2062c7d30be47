-- Parked is derived, no longer stored: a delivery is parked while it waits (pending or failed, not
-- leased) and its webhook is paused or disabled (lib/outbound/engine/parked.ts). Pausing and resuming
-- change the webhook row only. The enum keeps 'paused' (dropping an enum value is not worth it); it is
-- only the state the API presents now.
-- Data step (hand-written): stored parked rows become pending, keeping next_attempt_at, so they are
-- waiting rows again and stay parked exactly as long as their webhook is paused or disabled.
UPDATE "deliveries" SET "status" = 'pending', "lease_until" = NULL, "updated_at" = now() WHERE "status" = 'paused';--> statement-breakpoint
DROP INDEX "deliveries_parked_idx";
