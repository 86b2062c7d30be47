// What became of an inbound receipt: its own module, so the receipt pipeline and the modules it
// calls (inbound health, the failing streak) can all name it without importing each other.
export type Outcome = "applied" | "imported" | "ignored" | "duplicate" | "synthetic" | "rejected";
