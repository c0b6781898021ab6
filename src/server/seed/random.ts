/**
 * A small seeded PRNG and the choices built on it. Generated data must be the same on every run with the
 * same seed, so nothing here may touch Math.random, crypto or the clock.
 */

/** mulberry32: 32 bits of state, period 2^32, plenty for fake data and a few ns per call. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a over a string, to turn a seed and a name into an independent stream's seed. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export type Rng = {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform float in [min, max). */
  float(min: number, max: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[['rep', 90], ['manager', 10]]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T;
  /** A new array in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct items (or all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[];
  /** A version 7 UUID for the given instant, its random bits from this stream, so ids sort by creation. */
  uuidV7(at: Date | number): string;
  /**
   * An independent stream named after a purpose: adding a draw in one part of a generator must not shift
   * every value another part produces.
   */
  fork(name: string): Rng;
};

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const rng: Rng = {
    seed,
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(choices: readonly (readonly [T, number])[]): T {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
      let point = next() * total;
      for (const [value, weight] of choices) {
        point -= weight;
        if (point < 0) return value;
      }
      const last = choices.at(-1);
      if (!last) throw new Error('weighted pick from an empty list');
      return last[0];
    },
    shuffle<T>(items: readonly T[]): T[] {
      const copy = [...items];
      for (let index = copy.length - 1; index > 0; index -= 1) {
        const other = Math.floor(next() * (index + 1));
        [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
      }
      return copy;
    },
    sample<T>(items: readonly T[], count: number): T[] {
      return rng.shuffle(items).slice(0, count);
    },
    uuidV7: (at) => uuidV7From(typeof at === 'number' ? at : at.getTime(), next),
    fork: (name) => createRng(hashString(name, seed)),
  };
  return rng;
}

const HEX_DIGIT_CODES = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));
/** Where the formatted UUID is assembled; the hyphens stay in place from one call to the next. */
const uuidText = Buffer.from('00000000-0000-0000-0000-000000000000', 'latin1');

/** Writes `value` as `digits` lower-case hex digits ending just before `end`. */
function putHex(value: number, digits: number, end: number): void {
  let rest = value;
  for (let at = end - 1; at >= end - digits; at -= 1) {
    uuidText[at] = HEX_DIGIT_CODES[rest & 0xf] as number;
    rest >>>= 4;
  }
}

/**
 * RFC 9562 layout: 48-bit Unix milliseconds, version 7, 12 random bits, variant 10, 62 random bits.
 * Same result as uuid's v7() except that the random bits come from the seeded stream. The text is
 * assembled in a byte buffer and read once: the generator makes millions of ids, and strings built
 * from pieces cost several times more, here and again when they are written.
 */
function uuidV7From(milliseconds: number, next: () => number): string {
  const time = Math.max(0, Math.floor(milliseconds));
  const timeHigh = Math.floor(time / 0x1_0000_0000);
  const timeLow = time - timeHigh * 0x1_0000_0000;
  putHex(timeHigh, 4, 4);
  putHex(Math.floor(timeLow / 0x10000), 4, 8);
  putHex(timeLow & 0xffff, 4, 13);
  putHex(0x7000 | Math.floor(next() * 0x1000), 4, 18);
  putHex(0x8000 | Math.floor(next() * 0x4000), 4, 23);
  putHex(Math.floor(next() * 0x1000000), 6, 30);
  putHex(Math.floor(next() * 0x1000000), 6, 36);
  return uuidText.toString('latin1', 0, 36);
}
