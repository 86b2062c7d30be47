// How long an invitation link works: enforced by lib/domain/invitations.ts, shown by the Members page.
export const INVITATION_TTL_DAYS = 7;
