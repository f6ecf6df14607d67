/**
 * Rules every half agrees on about what the vendor accepts: ids and aliases in paths, text
 * lengths, roles. The stand-in uses them too; only what the vendor itself computes (webhook
 * signatures, room links) it writes on its own, so a misreading cannot pass on both sides.
 */

/**
 * Vendor ids are 24 hex digits and aliases 10 characters of [A-Za-z0-9_-] today; the same
 * alphabet with room to grow, and nothing that could bend a URL path.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const ID_RULE = '1–64 letters, digits, "_" or "-"';

export const ALIAS_MESSAGE = `alias may contain only letters, digits, "_" and "-" (1–64 characters)`;

/** The longest name, email, phone or external id the vendor's forms take. */
export const MAX_TEXT_LENGTH = 256;

export type AccessRole = 'user' | 'moderator';

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

export function isAccessRole(value: unknown): value is AccessRole {
  return value === 'user' || value === 'moderator';
}
