//! The trials' random numbers: ChaCha8 with the stream of `rand_chacha::ChaCha8Rng` — the same
//! seed gives the same numbers everywhere.
//!
//! In the browser (wasm32) `rand_chacha` has only portable scalar code, and a 20-initiative
//! simulation of 10,000 trials asks for about 4 million numbers. There `TrialRng` computes its
//! four ChaCha8 blocks at once in WebAssembly SIMD (one block per lane), about three times
//! faster. Elsewhere it is `rand_chacha`'s own generator. `tests/web.rs` checks in headless
//! Chromium that the two give the same stream.

/// The generator of a simulation's draws.
#[cfg(not(target_arch = "wasm32"))]
pub type TrialRng = rand_chacha::ChaCha8Rng;

/// The generator of a simulation's draws.
#[cfg(target_arch = "wasm32")]
pub type TrialRng = rand::rand_core::block::BlockRng<simd::ChaCha8Core>;

#[cfg(target_arch = "wasm32")]
pub mod simd {
    use core::arch::wasm32::{
        i32x4_add, i32x4_shl, u32x4, u32x4_extract_lane, u32x4_shr, u32x4_splat, v128, v128_or,
        v128_xor,
    };
    use rand::rand_core::block::BlockRngCore;
    use rand::SeedableRng;

    /// ChaCha with 8 rounds, a 256-bit key, a 64-bit block counter and stream 0: the core of
    /// `rand_chacha::ChaCha8Rng` (four 16-word blocks per refill, in counter order).
    #[derive(Clone, Debug)]
    pub struct ChaCha8Core {
        key: [u32; 8],
        counter: u64,
    }

    impl SeedableRng for ChaCha8Core {
        type Seed = [u8; 32];

        fn from_seed(seed: [u8; 32]) -> Self {
            let mut key = [0; 8];
            for (k, b) in key.iter_mut().zip(seed.chunks_exact(4)) {
                *k = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            }
            ChaCha8Core { key, counter: 0 }
        }
    }

    /// Four blocks' words.
    pub struct Words([u32; 64]);

    impl Default for Words {
        fn default() -> Self {
            Words([0; 64])
        }
    }

    impl AsRef<[u32]> for Words {
        fn as_ref(&self) -> &[u32] {
            &self.0
        }
    }

    impl AsMut<[u32]> for Words {
        fn as_mut(&mut self) -> &mut [u32] {
            &mut self.0
        }
    }

    impl BlockRngCore for ChaCha8Core {
        type Item = u32;
        type Results = Words;

        fn generate(&mut self, results: &mut Words) {
            self.blocks(&mut results.0);
        }
    }

    #[inline(always)]
    fn rotate_left(x: v128, n: u32) -> v128 {
        v128_or(i32x4_shl(x, n), u32x4_shr(x, 32 - n))
    }

    #[inline(always)]
    fn quarter_round(x: &mut [v128; 16], a: usize, b: usize, c: usize, d: usize) {
        x[a] = i32x4_add(x[a], x[b]);
        x[d] = rotate_left(v128_xor(x[d], x[a]), 16);
        x[c] = i32x4_add(x[c], x[d]);
        x[b] = rotate_left(v128_xor(x[b], x[c]), 12);
        x[a] = i32x4_add(x[a], x[b]);
        x[d] = rotate_left(v128_xor(x[d], x[a]), 8);
        x[c] = i32x4_add(x[c], x[d]);
        x[b] = rotate_left(v128_xor(x[b], x[c]), 7);
    }

    impl ChaCha8Core {
        /// Blocks `counter`..`counter` + 4 into `out`, block by block; word i of the state is
        /// vector i, and lane j holds block `counter` + j.
        #[target_feature(enable = "simd128")]
        fn blocks(&mut self, out: &mut [u32; 64]) {
            // "expand 32-byte k"
            const SIGMA: [u32; 4] = [0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574];
            let counter = [0, 1, 2, 3].map(|j| self.counter.wrapping_add(j));
            let mut start = [u32x4_splat(0); 16];
            for (i, word) in SIGMA.iter().chain(&self.key).enumerate() {
                start[i] = u32x4_splat(*word);
            }
            let [c0, c1, c2, c3] = counter;
            start[12] = u32x4(c0 as u32, c1 as u32, c2 as u32, c3 as u32);
            let high = |c: u64| (c >> 32) as u32;
            start[13] = u32x4(high(c0), high(c1), high(c2), high(c3));
            // words 14 and 15: stream 0
            let mut x = start;
            for _ in 0..4 {
                quarter_round(&mut x, 0, 4, 8, 12);
                quarter_round(&mut x, 1, 5, 9, 13);
                quarter_round(&mut x, 2, 6, 10, 14);
                quarter_round(&mut x, 3, 7, 11, 15);
                quarter_round(&mut x, 0, 5, 10, 15);
                quarter_round(&mut x, 1, 6, 11, 12);
                quarter_round(&mut x, 2, 7, 8, 13);
                quarter_round(&mut x, 3, 4, 9, 14);
            }
            for i in 0..16 {
                let v = i32x4_add(x[i], start[i]);
                out[i] = u32x4_extract_lane::<0>(v);
                out[16 + i] = u32x4_extract_lane::<1>(v);
                out[32 + i] = u32x4_extract_lane::<2>(v);
                out[48 + i] = u32x4_extract_lane::<3>(v);
            }
            self.counter = self.counter.wrapping_add(4);
        }
    }
}
