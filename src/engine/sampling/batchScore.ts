/**
 * The one thing a sampler needs from a model: its score, evaluated for a whole batch of particles at once.
 *
 * `score(xs, out, sigma)` writes s(xs[i]) into out[i] for every i (out has the length of xs and is never xs
 * itself). With `sigma` the score is that of the noise-perturbed density q_σ = p ∗ N(0, σ²) (annealed
 * Langevin asks for one σ per level); without it, that of the data density p.
 *
 * The exact mixture score implements it in plain loops (exactScore.ts); a learned network can implement it
 * too (evaluate net(x, log σ)/σ on a tensor backend and copy into `out`), so the runners never change when
 * the score does.
 */
export interface BatchScore {
  (xs: Float32Array, out: Float32Array, sigma?: number): void;
}
