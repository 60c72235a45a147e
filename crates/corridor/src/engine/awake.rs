//! Which agents of a block of 64 a pass visits today, as the bits of a `u64`: a branch-free test of
//! every agent's wake day (or of whether a field is set), so that a sleeping agent costs one
//! vectorised compare.

use crate::population::NONE;

/// Agents per block of the awake scan: one bit each in a `u64`.
pub const AWAKE_BLOCK: usize = 64;

/// The blocks of the agents `0..n`: ranges of `AWAKE_BLOCK` agents (the last one shorter).
#[inline]
pub fn blocks(n: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    (0..n).step_by(AWAKE_BLOCK).map(move |first| first..(first + AWAKE_BLOCK).min(n))
}

/// The positions of the set bits of `bits`, lowest first.
#[inline]
pub fn set_bits(mut bits: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (bits != 0).then(|| {
            let j = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            j
        })
    })
}

/// Which agents of a block (up to 64) are not asleep today, as bits: an agent alone at a place with a
/// drawn wake day after today does not move. A traveller's wake day is always NONE (drawn afresh on
/// arrival), so a drawn one means "at a place".
#[inline]
pub fn awake_bits(wake: &[u32], day: u32) -> u64 {
    // `wake + 1 <= day + 1` wraps NONE to 0: "not drawn" or "today or earlier".
    block_bits(wake, |w| w.wrapping_add(1) <= day + 1)
}

/// Which values of a block (up to 64) are set, not `NONE`, as bits: agents in a group, on a road, on
/// a route.
#[inline]
pub fn not_none_bits(values: &[u32]) -> u64 {
    block_bits(values, |v| v != NONE)
}

/// Bit j set when `test(values[j])` holds, for a block of up to 64 values. Every value is tested,
/// without a branch (which agents wake is random), one byte per lane first (a loop the compiler
/// vectorises), then eight bytes packed into eight bits at a time by a multiply that moves byte k's
/// low bit to bit 56 + k (the products never overlap or carry).
#[inline(always)]
fn block_bits(values: &[u32], test: impl Fn(u32) -> bool) -> u64 {
    let mut bytes = [0u8; AWAKE_BLOCK];
    for (b, &v) in bytes.iter_mut().zip(values) {
        *b = u8::from(test(v));
    }
    let mut bits = 0u64;
    for (k, eight) in bytes.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(eight);
        let packed = u64::from_le_bytes(word).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        bits |= packed << (8 * k);
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Purpose, Stream};

    /// The awake bits of a block agree with testing each agent on its own, for full and partial
    /// blocks, wake days around today, NONE and the largest days.
    #[test]
    fn awake_bits_match_a_test_per_agent() {
        let mut rng = Stream::new(7, Purpose::Movement, 0, 0, 0);
        for case in 0..2_000u32 {
            let day = [0, 1, 37, NONE - 2][case as usize % 4];
            let len = 1 + rng.below(AWAKE_BLOCK as u32) as usize;
            let len = if case % 3 == 0 { AWAKE_BLOCK } else { len };
            let pick = |r: &mut Stream| match r.below(6) {
                0 => NONE,
                1 => day,
                2 => day.wrapping_add(1),
                3 => day.saturating_sub(1),
                4 => NONE - 1,
                _ => r.next_u32(),
            };
            let wake: Vec<u32> = (0..len).map(|_| pick(&mut rng)).collect();
            let group: Vec<u32> = (0..len).map(|_| if rng.below(2) == 0 { NONE } else { rng.below(9) }).collect();
            let mut want = 0u64;
            let mut want_grouped = 0u64;
            for j in 0..len {
                if wake[j] == NONE || wake[j] <= day {
                    want |= 1 << j;
                }
                if group[j] != NONE {
                    want_grouped |= 1 << j;
                }
            }
            assert_eq!(awake_bits(&wake, day), want, "day {day}, wake {wake:?}");
            assert_eq!(not_none_bits(&group), want_grouped, "group {group:?}");
        }
    }
}
