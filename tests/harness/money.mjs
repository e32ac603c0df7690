// Expected amounts, computed in the tests independently of the worker: exact integers only.

/** Base units of `fiat / rate` with `decimals`, rounded up (the merchant is never short). */
export function dueUnits(fiat, rate, decimals) {
  const scale = (text) => {
    const [whole, frac = ''] = text.split('.');
    return { n: BigInt(whole + frac), d: 10n ** BigInt(frac.length) };
  };
  const f = scale(fiat);
  const r = scale(rate);
  const num = f.n * r.d * 10n ** BigInt(decimals);
  const den = f.d * r.n;
  return ((num + den - 1n) / den).toString();
}
