/**
 * Kernel density on a grid with the quartic (biweight) kernel, and the
 * normal-reference default bandwidth sfhotspot uses.
 */
import type { Grid, Points } from './grid.ts';
import { bandwidthNrd } from './stats.ts';

/**
 * Default bandwidth: the normal-reference rule h = 4 × 1.06 × min(sd, IQR/1.34) × n^(−1/5)
 * for x and for y, averaged. Each event counts once (weights expanded).
 */
export function defaultBandwidth(pts: Points): number {
  const n = pts.w.reduce((a, b) => a + b, 0);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < pts.x.length; i++) {
    for (let r = 0; r < pts.w[i]!; r++) {
      xs[k] = pts.x[i]!;
      ys[k++] = pts.y[i]!;
    }
  }
  return (bandwidthNrd(xs) + bandwidthNrd(ys)) / 2;
}

/** The quartic kernel in two dimensions, normalised to integrate to 1: K(d) = 3 / (π h²) × (1 − d²/h²)² for d < h. */
export function quartic(d: number, h: number): number {
  if (d >= h) return 0;
  const u = 1 - (d * d) / (h * h);
  return (3 / (Math.PI * h * h)) * u * u;
}

/**
 * Density at each cell centre, in events per square kilometre: Σ w × K(distance).
 * Cells outside the study area are NaN.
 *
 * Hand-written for the performance goal of the recompute (1,000,000 points within
 * 250 ms, bench/hotspots.ts), and exact: the points are binned in squares of a
 * quarter cell, and for each pair of a bin and a target cell centre either
 * - every point of the bin is within h of the centre: the sum of the quartic kernel,
 *   a polynomial in the points' offsets from the bin's centre, comes from ten moments
 *   of those offsets (worked out below), in constant time;
 * - no point of the bin can be within h: nothing;
 * - otherwise (the kernel's edge crosses the bin) the points are summed one by one,
 *   as a direct sum would.
 * Small bins keep that last case, the only one that costs a visit per point, to a
 * thin ring. Points outside the grid are summed directly. The result equals the direct
 * sum to rounding (tested against it in tests/unit/hotspots.test.ts).
 *
 * With q a point's offset from the bin's centre, d the target centre's offset from
 * it, and a = 1 − |d|²/h²: the kernel's (1 − |d − q|²/h²)² is
 * a² + 4a(d·q)/h² − 2a|q|²/h² + 4(d·q)²/h⁴ − 4(d·q)|q|²/h⁴ + |q|⁴/h⁴, so a bin needs
 * Σw, Σw qx, Σw qy, Σw|q|², Σw qx², Σw qx qy, Σw qy², Σw qx|q|², Σw qy|q|², Σw|q|⁴.
 */
export function quarticKde(g: Grid, pts: Points, h: number): Float64Array {
  if (!(h > 0)) throw new Error(`bandwidth must be positive, got ${h}`);
  const { x0, y0, nx, ny, size } = g;
  const out = new Float64Array(nx * ny);
  const h2 = h * h;
  const inv2 = 1 / h2;
  const inv4 = inv2 * inv2;
  const c = (3 / (Math.PI * h2)) * 1e6;
  // Bins of a quarter cell over the grid (counting sort); points outside the grid are summed directly.
  const SUB = 4;
  const bs = size / SUB;
  const bnx = nx * SUB;
  const bny = ny * SUB;
  const B = bnx * bny;
  const binOf = new Int32Array(pts.x.length);
  const start = new Int32Array(B + 1);
  const direct: number[] = [];
  for (let k = 0; k < pts.x.length; k++) {
    if (!pts.w[k]) {
      binOf[k] = -1;
      continue;
    }
    const i = Math.floor((pts.x[k]! - x0) / bs);
    const j = Math.floor((pts.y[k]! - y0) / bs);
    if (i < 0 || j < 0 || i >= bnx || j >= bny) {
      binOf[k] = -1;
      direct.push(k);
      continue;
    }
    binOf[k] = j * bnx + i;
    start[binOf[k]! + 1]!++;
  }
  for (let b = 0; b < B; b++) start[b + 1]! += start[b]!;
  // Coordinates and weights bin after bin, so that a bin's points are read in sequence.
  const px = new Float64Array(start[B]!);
  const py = new Float64Array(start[B]!);
  const pw = new Float64Array(start[B]!);
  const fill = start.slice(0, B);
  for (let k = 0; k < pts.x.length; k++) {
    const b = binOf[k]!;
    if (b < 0) continue;
    const e = fill[b]!++;
    px[e] = pts.x[k]!;
    py[e] = pts.y[k]!;
    pw[e] = pts.w[k]!;
  }
  const half = bs / 2;
  for (let b = 0; b < B; b++) {
    const e0 = start[b]!;
    const e1 = start[b + 1]!;
    if (e0 === e1) continue;
    const bi = b % bnx;
    const bj = (b - bi) / bnx;
    const cx = x0 + (bi + 0.5) * bs;
    const cy = y0 + (bj + 0.5) * bs;
    // The bin's moments about its centre.
    let m0 = 0,
      mx = 0,
      my = 0,
      mq2 = 0,
      mxx = 0,
      mxy = 0,
      myy = 0,
      mxq = 0,
      myq = 0,
      mq4 = 0;
    for (let e = e0; e < e1; e++) {
      const w = pw[e]!;
      const qx = px[e]! - cx;
      const qy = py[e]! - cy;
      const q2 = qx * qx + qy * qy;
      m0 += w;
      mx += w * qx;
      my += w * qy;
      mq2 += w * q2;
      mxx += w * qx * qx;
      mxy += w * qx * qy;
      myy += w * qy * qy;
      mxq += w * qx * q2;
      myq += w * qy * q2;
      mq4 += w * q2 * q2;
    }
    // Target cells whose centre can be within h of the bin.
    const ti0 = Math.max(0, Math.ceil((cx - half - h - x0) / size - 0.5));
    const ti1 = Math.min(nx - 1, Math.floor((cx + half + h - x0) / size - 0.5));
    const tj0 = Math.max(0, Math.ceil((cy - half - h - y0) / size - 0.5));
    const tj1 = Math.min(ny - 1, Math.floor((cy + half + h - y0) / size - 0.5));
    for (let tj = tj0; tj <= tj1; tj++) {
      const ty = y0 + (tj + 0.5) * size;
      const dy = ty - cy;
      const ady = Math.abs(dy);
      const near_y = ady > half ? ady - half : 0;
      const far_y = ady + half;
      for (let ti = ti0; ti <= ti1; ti++) {
        const tx = x0 + (ti + 0.5) * size;
        const dx = tx - cx;
        const adx = Math.abs(dx);
        const near_x = adx > half ? adx - half : 0;
        if (near_x * near_x + near_y * near_y >= h2) continue;
        const far_x = adx + half;
        const t = tj * nx + ti;
        if (far_x * far_x + far_y * far_y < h2) {
          const a = 1 - (dx * dx + dy * dy) * inv2;
          const dq = dx * mx + dy * my;
          const dq2 = dx * dx * mxx + 2 * dx * dy * mxy + dy * dy * myy;
          const dqq = dx * mxq + dy * myq;
          out[t]! +=
            c * (a * a * m0 + 4 * a * dq * inv2 - 2 * a * mq2 * inv2 + 4 * dq2 * inv4 - 4 * dqq * inv4 + mq4 * inv4);
        } else {
          let sum = 0;
          for (let e = e0; e < e1; e++) {
            const ex = tx - px[e]!;
            const ey = ty - py[e]!;
            const u = 1 - (ex * ex + ey * ey) * inv2;
            if (u > 0) sum += pw[e]! * u * u;
          }
          out[t]! += c * sum;
        }
      }
    }
  }
  // Points outside the grid: directly.
  for (const k of direct) {
    const qx = pts.x[k]!;
    const qy = pts.y[k]!;
    const w = pts.w[k]! * c;
    const j0 = Math.max(0, Math.ceil((qy - h - y0) / size - 0.5));
    const j1 = Math.min(ny - 1, Math.floor((qy + h - y0) / size - 0.5));
    const i0 = Math.max(0, Math.ceil((qx - h - x0) / size - 0.5));
    const i1 = Math.min(nx - 1, Math.floor((qx + h - x0) / size - 0.5));
    for (let j = j0; j <= j1; j++) {
      const ey = y0 + (j + 0.5) * size - qy;
      for (let i = i0; i <= i1; i++) {
        const ex = x0 + (i + 0.5) * size - qx;
        const u = 1 - (ex * ex + ey * ey) * inv2;
        if (u > 0) out[j * nx + i]! += w * u * u;
      }
    }
  }
  for (let i = 0; i < out.length; i++) if (!g.inside[i]) out[i] = NaN;
  return out;
}
