// BIP32 account xpubs for test merchants, derived here from a mnemonic with node's own crypto:
// an implementation independent of the worker's, so e2e tests check one against the other
// (and against `cast wallet address`, a third).
import { createECDH, createHash, createHmac, pbkdf2Sync } from 'node:crypto';

/** anvil's default mnemonic. Account 0' holds anvil's funded dev accounts; tests use others. */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
export const HARDENED = 0x80000000;
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

const toBig = (buf) => BigInt(`0x${buf.toString('hex')}`);
const ser256 = (n) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');
const ser32 = (i) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(i >>> 0);
  return b;
};

function publicKey(k) {
  const ecdh = createECDH('secp256k1');
  ecdh.setPrivateKey(ser256(k));
  return ecdh.getPublicKey(null, 'compressed');
}

function base58check(payload) {
  const checksum = createHash('sha256').update(createHash('sha256').update(payload).digest()).digest();
  const bytes = Buffer.concat([payload, checksum.subarray(0, 4)]);
  let n = toBig(bytes);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

/** The xpub of `m/44'/60'/account'` of `mnemonic` (BIP39 seed, no passphrase). */
export function accountXpub(mnemonic, account) {
  return xpubAt(mnemonic, [44 + HARDENED, 60 + HARDENED, account + HARDENED]);
}

/** The xpub at a path of hardened or plain indexes (hardened ones carry 0x80000000). */
export function xpubAt(mnemonic, path) {
  const seed = pbkdf2Sync(mnemonic.normalize('NFKD'), 'mnemonic', 2048, 64, 'sha512');
  let I = createHmac('sha512', 'Bitcoin seed').update(seed).digest();
  let k = toBig(I.subarray(0, 32));
  let c = I.subarray(32);
  let parent = null;
  let index = 0;
  for (const i of path) {
    parent = k;
    index = i;
    const data = i >= HARDENED
      ? Buffer.concat([Buffer.alloc(1), ser256(k), ser32(i)])
      : Buffer.concat([publicKey(k), ser32(i)]);
    I = createHmac('sha512', c).update(data).digest();
    k = (toBig(I.subarray(0, 32)) + k) % N;
    c = I.subarray(32);
  }
  const fingerprint = createHash('ripemd160')
    .update(createHash('sha256').update(publicKey(parent)).digest())
    .digest()
    .subarray(0, 4);
  return base58check(
    Buffer.concat([
      Buffer.from('0488b21e', 'hex'),
      Buffer.from([path.length]),
      fingerprint,
      ser32(index),
      c,
      publicKey(k),
    ]),
  );
}
