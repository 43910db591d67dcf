/** Quadratic weighted kappa between two integer ratings on the scale [min, max]. */
export function quadraticKappa(a: readonly number[], b: readonly number[], min: number, max: number): number {
  const n = a.length;
  if (n === 0) return Number.NaN;
  const k = max - min + 1;
  const observed = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const histA = new Array<number>(k).fill(0);
  const histB = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const x = (a[i] as number) - min;
    const y = (b[i] as number) - min;
    (observed[x] as number[])[y] = ((observed[x] as number[])[y] ?? 0) + 1;
    histA[x] = (histA[x] ?? 0) + 1;
    histB[y] = (histB[y] ?? 0) + 1;
  }
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = k === 1 ? 0 : ((i - j) * (i - j)) / ((k - 1) * (k - 1));
      const expected = ((histA[i] as number) * (histB[j] as number)) / n;
      num += w * ((observed[i] as number[])[j] as number);
      den += w * expected;
    }
  }
  return den === 0 ? (num === 0 ? 1 : 0) : 1 - num / den;
}

function ranks(xs: readonly number[]): number[] {
  const order = xs.map((v, i) => ({ v, i })).sort((p, q) => p.v - q.v);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.v === order[i]?.v) j++;
    const rank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) out[(order[t] as { i: number }).i] = rank;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation, with average ranks for ties. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n < 2) return Number.NaN;
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (n + 1) / 2;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    const da = (ra[i] as number) - mean;
    const db = (rb[i] as number) - mean;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return va === 0 || vb === 0 ? Number.NaN : cov / Math.sqrt(va * vb);
}

export interface PresenceStats {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 of "present" (score above 0) against the labels. */
export function presence(labels: readonly number[], predicted: readonly number[]): PresenceStats {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const l = (labels[i] as number) > 0;
    const p = (predicted[i] as number) > 0;
    if (l && p) tp++;
    else if (p) fp++;
    else if (l) fn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function exactAgreement(a: readonly number[], b: readonly number[]): number {
  return a.length ? a.filter((x, i) => x === b[i]).length / a.length : Number.NaN;
}

export function withinOne(a: readonly number[], b: readonly number[]): number {
  return a.length ? a.filter((x, i) => Math.abs(x - (b[i] as number)) <= 1).length / a.length : Number.NaN;
}
