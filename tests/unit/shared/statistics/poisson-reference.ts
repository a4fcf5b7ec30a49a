/** The independent route to exact Poisson limits the interval tests check against: summed terms and bisection. */

/** P(X ≤ k) for X ~ Poisson(mu), summed term by term (underflows past a few hundred events). */
export function poissonCdf(k: number, mu: number): number {
  let term = Math.exp(-mu);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= mu / i;
    sum += term;
  }
  return sum;
}

/** Where a monotone f changes sign between lo and hi. */
export function bisect(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(lo) * f(mid) <= 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}
