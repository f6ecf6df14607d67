import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * livedigital signs a webhook delivery as the hex HMAC-SHA256 of `JSON.stringify(body)`
 * keyed with the space's webhook secret (the `body` field of the delivery, not the raw request).
 */
export function signWebhookBody(secret: string, body: unknown): string {
  return createHmac('sha256', secret).update(JSON.stringify(body)).digest('hex');
}

/**
 * Constant-time check of a delivery's `signature` against its `body`. False, never an exception,
 * for anything malformed: wrong types, a signature that is not 64 lowercase hex digits (what the
 * vendor's hex digest is), a body JSON cannot serialize (cyclic, BigInt, a throwing toJSON).
 */
export function verifyWebhookSignature(secret: string, body: unknown, signature: unknown): boolean {
  if (typeof secret !== 'string' || secret === '') return false;
  if (typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) return false;
  let expected: Buffer;
  try {
    const text = JSON.stringify(body);
    if (typeof text !== 'string') return false;
    expected = createHmac('sha256', secret).update(text).digest();
  } catch {
    return false;
  }
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
