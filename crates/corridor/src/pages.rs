//! Memory for new agents' fields, faulted in ahead: one system call per field and day of spawning
//! instead of one page fault per 4 KiB page (Linux on x86-64, whose pages are 4 KiB; elsewhere these
//! are no-ops).
//!
//! Filling fresh memory page by page costs the kernel a fault per page: at a million agents the
//! fields span about 11,500 pages. `MADV_HUGEPAGE` lets the kernel use 2 MiB pages where it allows
//! them, and `MADV_POPULATE_WRITE` backs a whole range in one call. Together they took the spawning
//! phase of the 10⁶-agent benchmark from 21.7 to 16.5-18.2 ms, 3% of its day loop (BENCHMARKS.md).
//! Both are advice: they change no value in memory, and when the kernel declines (too old, huge
//! pages off) memory is faulted in on first write as before.

/// Below this many bytes (64 pages) a range is left to ordinary page faults. Assumption, not
/// measured: the few faults saved would not pay for the call; at 10⁴ agents no range reaches it.
#[cfg_attr(not(all(target_os = "linux", target_arch = "x86_64")), allow(dead_code))]
const MIN_BYTES: usize = 1 << 18;

/// Lets the kernel back all of `v`'s spare capacity with huge pages when it allows them (a flag on
/// the range; nothing is allocated). For a vector reserved once for a whole run.
pub fn allow_huge_pages<T>(v: &mut Vec<T>) {
    let spare = v.spare_capacity_mut();
    advise(spare.as_mut_ptr().cast(), std::mem::size_of_val(spare), Advice::HugePages);
}

/// Reserves room for `n` more elements in `v` and faults in the pages that will hold them, so that
/// filling them does not fault page by page.
pub fn reserve<T>(v: &mut Vec<T>, n: usize) {
    v.reserve(n);
    let spare = v.spare_capacity_mut();
    let n = n.min(spare.len());
    advise(spare.as_mut_ptr().cast(), n * std::mem::size_of::<T>(), Advice::Populate);
}

#[derive(Clone, Copy)]
enum Advice {
    HugePages,
    Populate,
}

/// The whole pages within `bytes` bytes from `start`, as (first address, length), if any.
#[cfg_attr(not(all(target_os = "linux", target_arch = "x86_64")), allow(dead_code))]
fn whole_pages(start: usize, bytes: usize, page: usize) -> Option<(usize, usize)> {
    let first = start.checked_next_multiple_of(page)?;
    let end = (start.checked_add(bytes)?) / page * page;
    (end > first).then(|| (first, end - first))
}

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
fn advise(start: *mut u8, bytes: usize, advice: Advice) {
    /// The base page size of Linux on x86-64.
    const PAGE: usize = 4096;
    if bytes < MIN_BYTES {
        return;
    }
    let Some((first, len)) = whole_pages(start as usize, bytes, PAGE) else {
        return;
    };
    let advice = match advice {
        Advice::HugePages => libc::MADV_HUGEPAGE,
        Advice::Populate => libc::MADV_POPULATE_WRITE,
    };
    // SAFETY: [first, first + len) lies within `bytes` bytes from `start`, which the callers take
    // from a vector's spare capacity: memory the vector owns and that nothing else refers to (the
    // callers hold it mutably). Neither advice reads or writes that memory's values: MADV_HUGEPAGE
    // marks the range for huge pages, MADV_POPULATE_WRITE faults its pages in as if written, without
    // writing. Both are hints: an error (EINVAL on kernels before 5.14 or where huge pages are off,
    // ENOMEM under memory pressure) leaves the range as it was, to be faulted in on first write.
    unsafe {
        libc::madvise(first as *mut libc::c_void, len, advice);
    }
}

#[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
fn advise(_: *mut u8, _: usize, _: Advice) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_pages_lie_inside_the_range() {
        assert_eq!(whole_pages(4096, 8192, 4096), Some((4096, 8192)));
        assert_eq!(whole_pages(100, 8192, 4096), Some((4096, 4096)));
        assert_eq!(whole_pages(100, 4000, 4096), None);
        assert_eq!(whole_pages(4095, 4096, 4096), None, "one byte short of the page at 4096");
        assert_eq!(whole_pages(4095, 4097, 4096), Some((4096, 4096)));
        assert_eq!(whole_pages(usize::MAX - 10, 100, 4096), None);
    }

    /// Advised vectors keep their values and fill as any other.
    #[test]
    fn advised_vectors_fill_as_any_other() {
        let n = 3 * (MIN_BYTES / 4) + 17;
        let mut v: Vec<u32> = Vec::with_capacity(2 * n);
        allow_huge_pages(&mut v);
        v.extend(0..n as u32);
        reserve(&mut v, n);
        assert_eq!(v.capacity(), 2 * n, "room enough: no new allocation");
        v.extend(n as u32..2 * n as u32);
        reserve(&mut v, 3 * n);
        assert!(v.capacity() >= 5 * n);
        v.extend(2 * n as u32..5 * n as u32);
        assert!(v.len() == 5 * n && v.iter().enumerate().all(|(i, &x)| x == i as u32));
        let mut empty: Vec<u64> = Vec::new();
        allow_huge_pages(&mut empty);
        reserve(&mut empty, 1000);
        assert!(empty.is_empty() && empty.capacity() >= 1000);
    }
}
