// What a new API token may be given, shared by the API's validation and the create form.
/** Lifetimes offered at creation, in days; null never expires. */
export const TOKEN_LIFETIMES_DAYS = [30, 90, 365, null] as const;
export type TokenLifetime = (typeof TOKEN_LIFETIMES_DAYS)[number];
export const DEFAULT_TOKEN_LIFETIME_DAYS: TokenLifetime = 90;

export function lifetimeLabel(days: TokenLifetime): string {
  if (days === null) return "Never expires";
  return days === 365 ? "1 year" : `${days} days`;
}
