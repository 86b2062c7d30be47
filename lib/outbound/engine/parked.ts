// Parked is derived, never stored: a delivery is parked while it waits (pending or retrying, not
// leased) and its webhook is blocked (paused by hand, or disabled by its health). Pausing, disabling,
// resuming and re-enabling change one webhook row, not every waiting delivery; the claim skips blocked
// webhooks (due.ts), and the API shows their waiting rows as 'paused' (lib/outbound/deliveries.ts).
// The conditions as SQL text over table aliases, so drizzle (sql.raw) and postgres.js (sql.unsafe)
// queries both read them from here. Aliases are our own identifiers, never input.

/** The webhook `w` (an outbound_webhooks row) sends nothing: paused or disabled. */
export const blockedWebhook = (w: string) => `(${w}.paused or ${w}.health = 'disabled')`;

/**
 * The delivery `d` waits to be sent: outbound, pending or retrying, not leased. The status part is
 * deliveries_due_idx's predicate, so a query with it can read that index.
 */
export const waitingDelivery = (d: string) => `(${d}.direction = 'outbound' and ${d}.status in ('pending', 'failed') and ${d}.lease_until is null)`;

/** The delivery `d` of webhook `w` (joined on d.outbound_webhook_id) is parked: waiting, for a blocked webhook. */
export const parkedDelivery = (d: string, w: string) => `(${waitingDelivery(d)} and ${blockedWebhook(w)})`;

/** blockedWebhook for a webhook row already read. */
export const isBlocked = (w: { paused: boolean | null; health: string | null }) => !!w.paused || w.health === "disabled";
