import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * livedigital signs a webhook delivery as the hex HMAC-SHA256 of `JSON.stringify(body)`
 * keyed with the space's webhook secret (the `body` field of the delivery, not the raw request).
 */
export function signWebhookBody(secret: string, body: unknown): string {
  return createHmac('sha256', secret).update(JSON.stringify(body)).digest('hex');
}

/** Constant-time check of a delivery's `signature` against its `body`. */
export function verifyWebhookSignature(secret: string, body: unknown, signature: unknown): boolean {
  if (typeof secret !== 'string' || secret === '') return false;
  if (typeof signature !== 'string' || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signWebhookBody(secret, body), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
