/**
 * The mixture's exact score in WGSL, for the fused kernels: the data score ∇log p, the noise-perturbed score
 * ∇log q_σ (annealed Langevin, NCSN) and the diffusion marginals' score ∇log p_t, all as one function.
 *
 * Every one of them is the score of a mixture Σ_k π_k N(x; m_k, v_k) with
 *   m_k = a μ_k,   v_k = a² s_k² + s²,
 * where (a, s) = (1, 0) for p, (1, σ) for q_σ (convolving with N(0, σ²) adds σ² to every variance) and
 * (a(t), s(t)) for p_t (x_t = a x_0 + s ε: a scaled Gaussian plus an independent one is Gaussian). So the kernel
 * holds the data's components (log π_k, μ_k, s_k²) in a uniform buffer, and a caller passes (a, s) per step:
 *   l_k(x) = log π_k − ½ log v_k − ½ (x − m_k)²/v_k,   r_k = exp(l_k − l_max) / Σ_j exp(l_j − l_max),
 *   s(x)   = Σ_k r_k (m_k − x)/v_k.
 * The constant −½ log 2π cancels in r_k. Subtracting l_max first keeps the ratio exact far in the tails, where
 * every exp(l_k) alone would underflow to 0 (0/0), as engine/sampling/exactScore.ts does in double precision.
 *
 * Components of weight 0 are left out when the table is packed (they can never take responsibility, and log 0
 * has no float). The table's layout (std140-compatible, 16 + 16·MAX_COMPONENTS bytes):
 *   u32 count, 3 × u32 padding, then per component vec4(log π_k, μ_k, s_k², 0).
 */
import { MAX_COMPONENTS, type Mixture } from '../mixture';

/** Bytes of the packed table (a uniform buffer). */
export const MIXTURE_TABLE_BYTES = 16 + 16 * MAX_COMPONENTS;

/** Indices (into `mixture`) of the components the table keeps, in table order: row k is component kept[k]. */
export function keptComponents(mixture: Mixture): number[] {
  const kept: number[] = [];
  mixture.forEach((c, k) => {
    if (c.weight > 0 && kept.length < MAX_COMPONENTS) kept.push(k);
  });
  return kept;
}

/** The mixture's components of positive weight, packed as the WGSL `MixtureTable` expects. */
export function mixtureTable(mixture: Mixture): ArrayBuffer {
  const kept = keptComponents(mixture).map((k) => mixture[k]);
  if (kept.length === 0) throw new Error('mixtureTable: the mixture has no component with positive weight.');
  const total = kept.reduce((sum, c) => sum + c.weight, 0);
  const buffer = new ArrayBuffer(MIXTURE_TABLE_BYTES);
  new Uint32Array(buffer, 0, 4)[0] = kept.length;
  const rows = new Float32Array(buffer, 16, 4 * MAX_COMPONENTS);
  kept.forEach((c, k) => {
    // Normalised here, so a table is right even for weights that do not sum to 1.
    rows[4 * k] = Math.log(c.weight / total);
    rows[4 * k + 1] = c.mean;
    rows[4 * k + 2] = c.std * c.std;
  });
  return buffer;
}

/**
 * WGSL declaring the table at @group(0) @binding(`binding`) and the functions
 *   mixtureMarginalScore(x, a, s) -> f32   score of Σ π_k N(a μ_k, a² s_k² + s²) at x
 *   mixtureScore(x, sigma) -> f32          score of q_σ (sigma = 0: of p itself)
 *   mixtureResponsibility(x, k) -> f32     r_k(x) under p (for mode weights)
 *   mixtureFlowVelocity(x, t) -> f32       flow matching's exact marginal velocity (engine/flow/velocity.ts)
 *
 * The velocity of the straight path x_t = (1 − t) x_0 + t x_1 (x_1 ~ N(0, 1)) is a responsibility-weighted sum of
 * per-component affine maps, v = Σ_k r_k ((t − a s_k²)(x − m_k)/V_k − μ_k) with a = 1 − t, m_k = a μ_k,
 * V_k = a² s_k² + t², r_k the responsibilities under p_t. It is written out rather than taken from the score
 * through v = −(x + t ∇log p_t)/(1 − t), which divides 0 by 0 at t = 1, where every flow run starts.
 */
export function mixtureWgsl(binding: number): string {
  return /* wgsl */ `
struct MixtureTable {
  count: u32,
  pad0: u32,
  pad1: u32,
  pad2: u32,
  rows: array<vec4<f32>, ${MAX_COMPONENTS}>,
};
@group(0) @binding(${binding}) var<uniform> mixture: MixtureTable;

// (score, velocity) of Σ π_k N(a μ_k, a² s_k² + s²) at x, sharing one set of log terms; the velocity is the
// straight path's (flow matching's), meaningful where a = 1 − s, t = s.
fn mixtureMarginal(x: f32, a: f32, s: f32) -> vec2<f32> {
  var logs: array<f32, ${MAX_COMPONENTS}>;
  var lmax = -3.0e38;
  let count = min(mixture.count, ${MAX_COMPONENTS}u);
  for (var k = 0u; k < count; k = k + 1u) {
    let row = mixture.rows[k];
    let m = a * row.y;
    let v = a * a * row.z + s * s;
    let d = x - m;
    let l = row.x - 0.5 * log(v) - 0.5 * d * d / v;
    logs[k] = l;
    lmax = max(lmax, l);
  }
  var numerator = vec2<f32>(0.0);
  var denominator = 0.0;
  for (var k = 0u; k < count; k = k + 1u) {
    let row = mixture.rows[k];
    let m = a * row.y;
    let v = a * a * row.z + s * s;
    let e = exp(logs[k] - lmax);
    denominator = denominator + e;
    numerator = numerator + e * vec2<f32>((m - x) / v, (s - a * row.z) * (x - m) / v - row.y);
  }
  return numerator / denominator;
}

fn mixtureMarginalScore(x: f32, a: f32, s: f32) -> f32 {
  return mixtureMarginal(x, a, s).x;
}

fn mixtureScore(x: f32, sigma: f32) -> f32 {
  return mixtureMarginalScore(x, 1.0, sigma);
}

fn mixtureFlowVelocity(x: f32, t: f32) -> f32 {
  return mixtureMarginal(x, 1.0 - t, t).y;
}

fn mixtureResponsibility(x: f32, k: u32) -> f32 {
  var lmax = -3.0e38;
  var lk = -3.0e38;
  let count = min(mixture.count, ${MAX_COMPONENTS}u);
  for (var j = 0u; j < count; j = j + 1u) {
    let row = mixture.rows[j];
    let d = x - row.y;
    let l = row.x - 0.5 * log(row.z) - 0.5 * d * d / row.z;
    lmax = max(lmax, l);
    if (j == k) {
      lk = l;
    }
  }
  var total = 0.0;
  for (var j = 0u; j < count; j = j + 1u) {
    let row = mixture.rows[j];
    let d = x - row.y;
    total = total + exp(row.x - 0.5 * log(row.z) - 0.5 * d * d / row.z - lmax);
  }
  return exp(lk - lmax) / total;
}
`;
}
