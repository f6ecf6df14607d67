import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createWebhookHandler, signWebhookBody, toNodeListener, verifyWebhookSignature } from '../../src/server/index.js';

// A known-answer vector, computed once outside this code base:
//   printf '%s' '<BODY_TEXT>' | openssl dgst -sha256 -hmac '<SECRET>'
const SECRET = 'g7r0gOSKiQ59prCGXo1H50PACb5ca1mD';
const BODY = { eventName: 'call_finished', roomId: '649c18e086b915cae33041a2', spaceId: '64217150224cd9e040e114d1', callId: '64b6544f7b3b4f29d70afec2' };
const SIGNATURE = '0084a93fdf104210a4d570babbfb36e82f732296c5410e91dd0fd34a7b0b6086';
// Same, with a non-ASCII name: the vendor signs JSON.stringify's UTF-8, not escapes.
const SECRET_2 = 'kav-secret';
const BODY_2 = { eventName: 'call_started', roomId: 'r1', spaceId: 's1', name: 'Урок №1' };
const SIGNATURE_2 = 'db0d5d24e268f3fd2868cfb34b6a1de394ad3eb628913401a424fc8222b17523';

/** The same signature with only its last hex digit changed. */
function flipLast(hex: string): string {
  const last = hex.at(-1)!;
  return hex.slice(0, -1) + (last === '0' ? '1' : '0');
}

describe('webhook signatures', () => {
  it('match a known-answer vector computed with openssl', () => {
    assert.equal(signWebhookBody(SECRET, BODY), SIGNATURE);
    assert.equal(verifyWebhookSignature(SECRET, BODY, SIGNATURE), true);
    assert.equal(signWebhookBody(SECRET_2, BODY_2), SIGNATURE_2);
    assert.equal(verifyWebhookSignature(SECRET_2, BODY_2, SIGNATURE_2), true);
  });

  it('refuse a signature that differs only in its last hex digit', () => {
    assert.equal(verifyWebhookSignature(SECRET, BODY, flipLast(SIGNATURE)), false);
    assert.equal(verifyWebhookSignature(SECRET_2, BODY_2, flipLast(SIGNATURE_2)), false);
  });

  const cyclic: Record<string, unknown> = { eventName: 'call_started' };
  cyclic.self = cyclic;
  const malformed: Array<[string, unknown, unknown, unknown]> = [
    ['a number signature', SECRET, BODY, 42],
    ['a null signature', SECRET, BODY, null],
    ['an array signature', SECRET, BODY, [SIGNATURE]],
    ['an object signature', SECRET, BODY, { toString: () => SIGNATURE }],
    ['an odd-length hex signature', SECRET, BODY, SIGNATURE.slice(0, -1)],
    ['a signature one digit too long', SECRET, BODY, `${SIGNATURE}0`],
    ['an uppercase hex signature', SECRET, BODY, SIGNATURE.toUpperCase()],
    ['a signature with non-hex characters', SECRET, BODY, `${SIGNATURE.slice(0, -1)}g`],
    ['an empty signature', SECRET, BODY, ''],
    ['a cyclic body', SECRET, cyclic, SIGNATURE],
    ['a BigInt in the body', SECRET, { ...BODY, n: 1n }, SIGNATURE],
    ['a body whose toJSON throws', SECRET, { toJSON: () => { throw new Error('no'); } }, SIGNATURE],
    ['an undefined body', SECRET, undefined, SIGNATURE],
    ['a function body', SECRET, () => BODY, SIGNATURE],
    ['a number secret', 42, BODY, SIGNATURE],
    ['an empty secret', '', BODY, SIGNATURE],
    ['an undefined secret', undefined, BODY, SIGNATURE],
  ];
  for (const [name, secret, body, signature] of malformed) {
    it(`verifyWebhookSignature returns false, never throws, for ${name}`, () => {
      assert.equal(verifyWebhookSignature(secret as string, body, signature), false);
    });
  }
});

describe('createWebhookHandler checks what livedigital signed, not the bytes on the wire', () => {
  let server: ReturnType<typeof createServer>;
  let url: string;
  const seen: unknown[] = [];

  before(async () => {
    const handler = createWebhookHandler({ secret: SECRET_2, onEvent: (event) => void seen.push(event) });
    server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('accepts a delivery written with whitespace and \\u escapes whose body is the signed one', async () => {
    // JSON.stringify of the parsed body is the vector's text; the raw text here is not.
    const raw = `{
      "signature": "${SIGNATURE_2}",
      "body": { "eventName" : "call_started", "roomId": "r\\u0031", "spaceId": "s1", "name": "\\u0423\\u0440\\u043e\\u043a \\u21161" }
    }`;
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
    assert.equal(response.status, 204);
    assert.deepEqual(seen, [BODY_2]);
  });
});
