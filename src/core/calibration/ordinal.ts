/**
 * Proportional-odds (ordinal logistic) regression, in plain TypeScript: P(y ≤ k | x) = σ(θ_k − w·z(x)),
 * where z standardises each feature with the training mean and spread. With two classes it is ordinary
 * logistic regression. Fitting is deterministic (full-batch Adam from zeros, a fixed number of steps),
 * so the same rows always give the same coefficients.
 */

export interface OrdinalModel<F extends string = string> {
  /** Feature names, in the order of `weights`, `mean` and `scale`. */
  features: F[];
  mean: number[];
  scale: number[];
  weights: number[];
  /** K − 1 increasing cut points for K classes 0 … K − 1. */
  thresholds: number[];
}

export interface TrainingRow {
  x: readonly number[];
  /** Class 0 … K − 1. */
  y: number;
  weight: number;
}

export interface FitOptions {
  classes: number;
  /** L2 penalty on the standardised weights (not on the thresholds). */
  l2: number;
  steps?: number;
  learningRate?: number;
}

const sigmoid = (t: number) => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));
const EPS = 1e-12;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function standardiser(rows: readonly TrainingRow[], d: number) {
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(1);
  let total = 0;
  for (const r of rows) total += r.weight;
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (const r of rows) m += r.weight * (r.x[j] as number);
    m /= total || 1;
    let v = 0;
    for (const r of rows) v += r.weight * ((r.x[j] as number) - m) ** 2;
    const sd = Math.sqrt(v / (total || 1));
    mean[j] = round6(m);
    scale[j] = sd > 1e-9 ? round6(sd) : 1;
  }
  return { mean, scale };
}

/** Cut points from unconstrained parameters: θ_0 = a_0, θ_k = θ_{k−1} + exp(a_k). */
function cutPoints(a: readonly number[]): number[] {
  const out: number[] = [];
  let t = 0;
  a.forEach((v, k) => {
    t = k === 0 ? v : t + Math.exp(v);
    out.push(t);
  });
  return out;
}

export function fitOrdinal<F extends string>(
  features: F[],
  rows: readonly TrainingRow[],
  opts: FitOptions,
): OrdinalModel<F> {
  const d = features.length;
  const K = opts.classes;
  const steps = opts.steps ?? 1000;
  const lr = opts.learningRate ?? 0.1;
  const { mean, scale } = standardiser(rows, d);
  const n = rows.length;
  // Standardised features, row-major, in one typed array: the loop below runs thousands of times.
  const z = new Float64Array(n * d);
  const ys = new Int32Array(n);
  const ws = new Float64Array(n);
  let total = 0;
  for (const r of rows) total += r.weight;
  rows.forEach((r, i) => {
    for (let j = 0; j < d; j++)
      z[i * d + j] = ((r.x[j] as number) - (mean[j] as number)) / (scale[j] as number);
    ys[i] = r.y;
    ws[i] = r.weight / (total || 1);
  });
  // Parameters: d weights, then K − 1 threshold parameters. Start the cut points spread around zero.
  const P = d + K - 1;
  const p = new Float64Array(P);
  p[d] = -(K - 2) / 2;
  const m1 = new Float64Array(P);
  const m2 = new Float64Array(P);
  const g = new Float64Array(P);
  const theta = new Float64Array(K - 1);
  const gTheta = new Float64Array(K - 1);
  for (let step = 1; step <= steps; step++) {
    g.fill(0);
    gTheta.fill(0);
    for (let k = 0; k < K - 1; k++)
      theta[k] = k === 0 ? (p[d] as number) : (theta[k - 1] as number) + Math.exp(p[d + k] as number);
    for (let i = 0; i < n; i++) {
      let eta = 0;
      for (let j = 0; j < d; j++) eta += (p[j] as number) * (z[i * d + j] as number);
      const k = ys[i] as number;
      const Fk = k < K - 1 ? sigmoid((theta[k] as number) - eta) : 1;
      const Fp = k > 0 ? sigmoid((theta[k - 1] as number) - eta) : 0;
      const fk = Fk * (1 - Fk);
      const fp = Fp * (1 - Fp);
      const prob = Math.max(EPS, Fk - Fp);
      const w = ws[i] as number;
      const dEta = ((fk - fp) / prob) * w;
      for (let j = 0; j < d; j++) g[j] = (g[j] as number) + dEta * (z[i * d + j] as number);
      if (k < K - 1) gTheta[k] = (gTheta[k] as number) - (fk / prob) * w;
      if (k > 0) gTheta[k - 1] = (gTheta[k - 1] as number) + (fp / prob) * w;
    }
    for (let j = 0; j < d; j++) g[j] = (g[j] as number) + opts.l2 * (p[j] as number);
    // Chain rule from the cut points to their parameters.
    let tail = 0;
    for (let i = K - 2; i >= 0; i--) {
      tail += gTheta[i] as number;
      g[d + i] = i === 0 ? tail : tail * Math.exp(p[d + i] as number);
    }
    const c1 = 1 - 0.9 ** step;
    const c2 = 1 - 0.999 ** step;
    for (let j = 0; j < P; j++) {
      const gj = g[j] as number;
      m1[j] = 0.9 * (m1[j] as number) + 0.1 * gj;
      m2[j] = 0.999 * (m2[j] as number) + 0.001 * gj * gj;
      p[j] = (p[j] as number) - (lr * ((m1[j] as number) / c1)) / (Math.sqrt((m2[j] as number) / c2) + 1e-8);
    }
  }
  return {
    features,
    mean,
    scale,
    weights: Array.from(p.subarray(0, d), round6),
    thresholds: cutPoints(Array.from(p.subarray(d))).map(round6),
  };
}

/** The linear score w·z(x): higher means a higher class. */
export function linearScore(model: OrdinalModel, x: readonly number[]): number {
  let eta = 0;
  model.weights.forEach((w, j) => {
    eta += (w * ((x[j] ?? 0) - (model.mean[j] as number))) / (model.scale[j] as number);
  });
  return eta;
}

/** Probability of each class. */
export function classProbabilities(model: OrdinalModel, x: readonly number[]): number[] {
  const eta = linearScore(model, x);
  const out: number[] = [];
  let prev = 0;
  for (const t of model.thresholds) {
    const F = sigmoid(t - eta);
    out.push(Math.max(0, F - prev));
    prev = F;
  }
  out.push(Math.max(0, 1 - prev));
  return out;
}

/** The most probable class. */
export function predictClass(model: OrdinalModel, x: readonly number[]): number {
  const probs = classProbabilities(model, x);
  let best = 0;
  probs.forEach((q, k) => {
    if (q > (probs[best] as number)) best = k;
  });
  return best;
}

/** The expected class (a real number between 0 and K − 1). */
export function expectedClass(model: OrdinalModel, x: readonly number[]): number {
  return classProbabilities(model, x).reduce((s, q, k) => s + q * k, 0);
}
