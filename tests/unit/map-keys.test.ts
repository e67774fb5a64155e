import { describe, expect, it } from 'vitest';
import { nearestInDirection } from '../../src/client/map-keys.ts';

describe('arrow keys on a map move to the nearest area in that direction', () => {
  // A 3 × 3 grid of area centres, 10 apart; the middle one is at (10, 10).
  const grid: [number, number][] = [];
  for (const y of [0, 10, 20]) for (const x of [0, 10, 20]) if (!(x === 10 && y === 10)) grid.push([x, y]);
  const at = (i: number | null) => (i === null ? null : grid[i]);
  it('goes straight ahead when an area is there', () => {
    expect(at(nearestInDirection([10, 10], grid, [1, 0]))).toEqual([20, 10]);
    expect(at(nearestInDirection([10, 10], grid, [-1, 0]))).toEqual([0, 10]);
    expect(at(nearestInDirection([10, 10], grid, [0, -1]))).toEqual([10, 0]);
    expect(at(nearestInDirection([10, 10], grid, [0, 1]))).toEqual([10, 20]);
  });
  it('takes the nearest within a 90° cone, and stops at the edge', () => {
    expect(
      nearestInDirection(
        [0, 0],
        [
          [30, 0],
          [5, 4],
          [0, 8],
        ],
        [1, 0],
      ),
    ).toBe(1);
    expect(nearestInDirection([20, 10], grid, [1, 0])).toBeNull();
    // An area behind or beside (outside the cone) is never chosen.
    expect(
      nearestInDirection(
        [0, 0],
        [
          [-5, 0],
          [2, 9],
        ],
        [1, 0],
      ),
    ).toBeNull();
  });
});
