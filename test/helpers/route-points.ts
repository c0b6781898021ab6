/** Fixtures of the route solvers' tests: scattered points and every order of a few stops. */

/** A deterministic scatter of points in a square of `size` (a linear congruential generator). */
export function scatter(count: number, seed: number, size = 100): [number, number][] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, () => [next() * size, next() * size]);
}

/** Every order of the stops 0 … count-1: the reference an exact solver must match. */
export function everyOrder(count: number): number[][] {
  const permutations = (items: number[]): number[][] =>
    items.length <= 1
      ? [items]
      : items.flatMap((item, index) =>
          permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
        );
  return permutations([...Array(count).keys()]);
}
