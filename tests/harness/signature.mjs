// Standard Webhooks verification, written from the specification, for the tests that receive
// deliveries: HMAC-SHA256 over `${id}.${timestamp}.${body}` with the base64 secret after
// `whsec_`, any `v1,` entry of the signature header.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Whether `body` with `headers` (as the receiver recorded them) is signed with `secret`. */
export function verify(secret, headers, body) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
    .digest();
  return headers['webhook-signature'].split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
