import { describe, expect, it } from 'vitest';
import { NormalStream } from '../../../src/engine/sampling/normalStream';
import { normalCdf } from '../../../src/engine/special';
import { expectStandardNormalMoments } from '../normalMoments';

const N = 400_000;

function draws(seed: number, n = N): Float64Array {
  const out = new Float64Array(n);
  new NormalStream(seed).fill(out);
  return out;
}

describe('seeded ziggurat normal stream', () => {
  it('repeats exactly for a seed, differs for another, and fill() matches normal()', () => {
    const a = draws(11, 10_000);
    expect(Array.from(draws(11, 10_000))).toEqual(Array.from(a));
    expect(Array.from(draws(12, 10_000))).not.toEqual(Array.from(a));
    const one = new NormalStream(11);
    const single = Float64Array.from({ length: 10_000 }, () => one.normal());
    expect(Array.from(single)).toEqual(Array.from(a));
  });

  it('fills in pieces exactly as in one call (chunking never shifts the stream)', () => {
    const whole = new Float32Array(5000);
    new NormalStream(5).fill(whole);
    const pieces = new Float32Array(5000);
    const s = new NormalStream(5);
    s.fill(pieces, 0, 1234);
    s.fill(pieces, 1234, 4000);
    s.fill(pieces, 4000);
    expect(Array.from(pieces)).toEqual(Array.from(whole));
  });

  it('has the moments of N(0, 1): mean 0, variance 1, skewness 0, kurtosis 3', () => {
    expectStandardNormalMoments(draws(1));
  });

  it('follows the normal CDF (Kolmogorov–Smirnov) and has the right tail beyond the ziggurat base', () => {
    const z = draws(2).sort();
    let sup = 0;
    for (let i = 0; i < N; i++) {
      const f = normalCdf(z[i]);
      sup = Math.max(sup, (i + 1) / N - f, f - i / N);
    }
    // 1% critical value of the KS statistic: 1.628/√n.
    expect(sup).toBeLessThan(1.628 / Math.sqrt(N));
    // The tail sampler covers |z| > r = 3.4426: P = 2(1 − Φ(r)) ≈ 5.76e-4, binomial standard error.
    const r = 3.442619855899;
    const p = 2 * normalCdf(-r);
    const tail = z.filter((x) => Math.abs(x) > r).length / N;
    expect(Math.abs(tail - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
    expect(z[N - 1]).toBeGreaterThan(4);
  });

  it('gives successive draws no linear dependence (lag-1 and |z| correlations)', () => {
    const z = draws(3);
    let lag = 0;
    let absLag = 0;
    for (let i = 1; i < N; i++) {
      lag += z[i] * z[i - 1];
      absLag += (Math.abs(z[i]) - Math.sqrt(2 / Math.PI)) * (Math.abs(z[i - 1]) - Math.sqrt(2 / Math.PI));
    }
    // Both sample covariances have standard error ≈ Var/√n (Var |z| = 1 − 2/π).
    expect(Math.abs(lag / N)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(absLag / N)).toBeLessThan((5 * (1 - 2 / Math.PI)) / Math.sqrt(N));
  });
});
