// The seeded generator behind every data script (demo data, benchmark data, fuzz cases):
// mulberry32, 32-bit state, uniform floats in [0, 1). One copy so a seed means the same stream
// everywhere. Tests that need randomness independent of the code under test keep their own.
export function mulberry32(seed) {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
