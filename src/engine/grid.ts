/** Evenly spaced grids and quadrature on them. */

/** n points from lo to hi inclusive. */
export function linspace(lo: number, hi: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 1) {
    out[0] = lo;
    return out;
  }
  const step = (hi - lo) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = lo + i * step;
  return out;
}

/** n points spaced evenly in log from lo to hi (both > 0). */
export function logspace(lo: number, hi: number, n: number): Float64Array {
  const logs = linspace(Math.log(lo), Math.log(hi), n);
  return logs.map(Math.exp);
}

/** Trapezoid rule ∫ y dx over the points (x_i, y_i). */
export function trapezoid(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  let total = 0;
  for (let i = 1; i < xs.length; i++) total += 0.5 * (ys[i] + ys[i - 1]) * (xs[i] - xs[i - 1]);
  return total;
}

/** Evaluates f at every point of xs. */
export function mapGrid(xs: ArrayLike<number>, f: (x: number) => number): Float64Array {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = f(xs[i]);
  return out;
}
