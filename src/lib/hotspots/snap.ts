/**
 * Snapping points to street segments (Hot Blocking): each point goes to the nearest
 * segment, by the exact distance from the point to the segment's polyline on the
 * projected plane (metres), if that segment is within `maxDistance`; farther points
 * are left unsnapped, never forced. Candidate segments come from a packed R-tree of
 * their bounding boxes (flatbush), so the cost grows with points × nearby segments.
 */
import Flatbush from 'flatbush';

/** A polyline: [x0, y0, x1, y1, …] in metres. */
export type Polyline = ArrayLike<number>;

/** Distance from (px, py) to the segment (ax, ay)–(bx, by). */
export function pointSegmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const cx = ax + t * dx - px;
  const cy = ay + t * dy - py;
  return Math.sqrt(cx * cx + cy * cy);
}

/** Distance from a point to a polyline. */
export function pointPolylineDistance(px: number, py: number, line: Polyline): number {
  if (line.length < 2) return Infinity;
  if (line.length < 4) return Math.hypot(line[0]! - px, line[1]! - py);
  let best = Infinity;
  for (let i = 0; i + 3 < line.length; i += 2) {
    const d = pointSegmentDistance(px, py, line[i]!, line[i + 1]!, line[i + 2]!, line[i + 3]!);
    if (d < best) best = d;
  }
  return best;
}

export interface SnapResult {
  /** index of the nearest segment, or −1 when none is within maxDistance */
  segment: Int32Array;
  /** distance to the nearest segment in metres, snapped or not (Infinity only when there are no segments) */
  distance: Float64Array;
  /** points whose second-nearest segment is within `tieTolerance` of the nearest (at a junction, say): the choice between them is by segment order */
  ties: number;
}

/**
 * Nearest segment for each point within maxDistance. Ties (equal distances, as at a
 * junction shared by several segments) go to the segment listed first.
 */
export function snapToSegments(
  lines: readonly Polyline[],
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  maxDistance: number,
  tieTolerance = 0.5,
): SnapResult {
  const n = xs.length;
  const segment = new Int32Array(n).fill(-1);
  const distance = new Float64Array(n).fill(Infinity);
  let ties = 0;
  if (!lines.length) return { segment, distance, ties };
  const index = new Flatbush(lines.length);
  for (const l of lines) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i + 1 < l.length; i += 2) {
      x0 = Math.min(x0, l[i]!);
      x1 = Math.max(x1, l[i]!);
      y0 = Math.min(y0, l[i + 1]!);
      y1 = Math.max(y1, l[i + 1]!);
    }
    index.add(x0, y0, x1, y1);
  }
  index.finish();
  // Search a little beyond the threshold so that the distance of a point just out of reach is still reported.
  const reach = maxDistance * 2;
  for (let k = 0; k < n; k++) {
    const px = xs[k]!;
    const py = ys[k]!;
    const found = index.search(px - reach, py - reach, px + reach, py + reach).sort((a, b) => a - b);
    let best = Infinity;
    let bestIdx = -1;
    let second = Infinity;
    for (const s of found) {
      const d = pointPolylineDistance(px, py, lines[s]!);
      if (d < best) {
        second = best;
        best = d;
        bestIdx = s;
      } else if (d < second) second = d;
    }
    // Farther than the search reached (or nothing in reach): widen the search until it holds the
    // nearest segment, so that every point's distance is its true one. A segment at distance d has
    // its bounding box within d of the point, so a box of half-width R finds every segment within R.
    for (let r = reach * 2; best > r / 2; r *= 2) {
      for (const s of index.search(px - r, py - r, px + r, py + r)) {
        const d = pointPolylineDistance(px, py, lines[s]!);
        if (d < best) best = d;
      }
      if (px - r <= index.minX && px + r >= index.maxX && py - r <= index.minY && py + r >= index.maxY) break;
    }
    distance[k] = best;
    if (bestIdx >= 0 && best <= maxDistance) {
      segment[k] = bestIdx;
      if (second - best <= tieTolerance) ties++;
    }
  }
  return { segment, distance, ties };
}
