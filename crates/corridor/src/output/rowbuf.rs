//! Byte-level writing of per-agent CSV rows: decimal digits two at a time from a table, short strings copied
//! as fixed-width padded cells, and a fixed buffer filled by position (no capacity check per byte, no `fmt`).

/// "00", "01", …, "99": the two decimal digits of every number below 100.
const DIGIT_PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Room [`put_u64`] needs after its position: the digits of `u64::MAX`.
pub const MAX_U64_DIGITS: usize = 20;

/// Writes `v` in decimal at `out[pos..]` (what `write!("{v}")` writes) and returns the position after it.
/// Panics when `out` has fewer than the number's digits left (callers size their buffer by [`MAX_U64_DIGITS`]).
#[inline]
pub fn put_u64(out: &mut [u8], pos: usize, v: u64) -> usize {
    if v < 10 {
        out[pos] = b'0' + v as u8;
        return pos + 1;
    }
    if v < 100 {
        let d = 2 * v as usize;
        out[pos..pos + 2].copy_from_slice(&DIGIT_PAIRS[d..d + 2]);
        return pos + 2;
    }
    put_long(out, pos, v)
}

/// Writes `v` (below 10,000) as four decimal digits, leading zeros included, at `out[pos..pos + 4]`.
#[inline]
pub fn put_four_digits(out: &mut [u8], pos: usize, v: u32) {
    debug_assert!(v < 10_000);
    let (hi, lo) = (2 * (v / 100 % 100) as usize, 2 * (v % 100) as usize);
    out[pos..pos + 2].copy_from_slice(&DIGIT_PAIRS[hi..hi + 2]);
    out[pos + 2..pos + 4].copy_from_slice(&DIGIT_PAIRS[lo..lo + 2]);
}

/// [`put_u64`] for numbers of three digits or more: three or four digits directly, longer ones by
/// the digit count first, then pairs from the right.
#[inline(never)]
fn put_long(out: &mut [u8], pos: usize, mut v: u64) -> usize {
    // Three or four digits (most counts and camp figures past 99): a digit or a pair, then a pair,
    // with no digit count to work out.
    if v < 10_000 {
        let (hi, lo) = ((v / 100) as usize, 2 * (v % 100) as usize);
        let pos = if hi < 10 {
            out[pos] = b'0' + hi as u8;
            pos + 1
        } else {
            out[pos..pos + 2].copy_from_slice(&DIGIT_PAIRS[2 * hi..2 * hi + 2]);
            pos + 2
        };
        out[pos..pos + 2].copy_from_slice(&DIGIT_PAIRS[lo..lo + 2]);
        return pos + 2;
    }
    let len = v.ilog10() as usize + 1;
    let digits = &mut out[pos..pos + len];
    let mut k = len;
    while v >= 100 {
        let d = 2 * (v % 100) as usize;
        v /= 100;
        k -= 2;
        digits[k..k + 2].copy_from_slice(&DIGIT_PAIRS[d..d + 2]);
    }
    if v >= 10 {
        let d = 2 * v as usize;
        digits[..2].copy_from_slice(&DIGIT_PAIRS[d..d + 2]);
    } else {
        digits[0] = b'0' + v as u8;
    }
    pos + len
}

/// Appends `v` in decimal to `out` (what `write!("{v}")` writes).
#[inline]
#[cfg(test)]
pub fn push_u64(out: &mut Vec<u8>, v: u64) {
    let mut digits = [0u8; MAX_U64_DIGITS];
    let n = put_u64(&mut digits, 0, v);
    out.extend_from_slice(&digits[..n]);
}

/// A line (or a day's rows) written by position into a buffer that grows on demand: each write first
/// makes room for its longest text (one compare), then stores its bytes with no capacity check per byte.
#[derive(Default)]
pub struct LineBuf {
    buf: Vec<u8>,
    pos: usize,
}

impl LineBuf {
    /// Empties the line (keeping the buffer).
    pub fn clear(&mut self) {
        self.pos = 0;
    }

    /// What was written since the last `clear`.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.pos]
    }

    /// The buffer from the write position on, at least `n` bytes long; [`LineBuf::advance`] keeps what
    /// was written there.
    #[inline]
    pub fn room(&mut self, n: usize) -> &mut [u8] {
        if self.buf.len() < self.pos + n {
            self.grow(n);
        }
        &mut self.buf[self.pos..]
    }

    #[inline(never)]
    fn grow(&mut self, n: usize) {
        let len = (self.pos + n).max(2 * self.buf.len()).max(256);
        self.buf.resize(len, 0);
    }

    /// Keeps the next `n` bytes written through [`LineBuf::room`].
    #[inline]
    pub fn advance(&mut self, n: usize) {
        self.pos += n;
    }

    #[inline]
    pub fn byte(&mut self, b: u8) {
        self.room(1)[0] = b;
        self.pos += 1;
    }

    #[inline]
    pub fn bytes(&mut self, b: &[u8]) {
        self.room(b.len())[..b.len()].copy_from_slice(b);
        self.pos += b.len();
    }

    /// `v` in decimal (what `{}` writes).
    #[inline]
    pub fn u64(&mut self, v: u64) {
        let n = put_u64(self.room(MAX_U64_DIGITS), 0, v);
        self.pos += n;
    }

    /// `v` in decimal (what `{}` writes).
    #[inline]
    pub fn i64(&mut self, v: i64) {
        if v < 0 {
            self.byte(b'-');
        }
        self.u64(v.unsigned_abs());
    }
}

/// The width of a cell in the fast path of [`Cells`] and of [`DecimalCounter`]: two 16-byte moves.
const CELL: usize = 32;

/// A small set of strings (status names, place names), each stored once per run followed by a comma and
/// padded to a fixed width, so that writing one is a copy of fixed length rather than a `memcpy` call.
pub struct Cells {
    /// Each text and its comma, zero-padded, with the length (text and comma) in the last byte.
    short: Vec<[u8; CELL]>,
    /// When some text does not fit a cell: every text and its comma, written by a plain copy.
    long: Option<Vec<Vec<u8>>>,
}

impl Cells {
    /// The cells `text,` for each of `texts`, in order.
    pub fn new<S: AsRef<[u8]>>(texts: impl IntoIterator<Item = S>) -> Cells {
        let texts: Vec<S> = texts.into_iter().collect();
        // Each text is copied once, into its cell: no buffer of its own (a run's sinks make a few
        // hundred cells before the first day).
        if texts.iter().all(|t| t.as_ref().len() + 1 < CELL) {
            let short = texts
                .iter()
                .map(|t| {
                    let t = t.as_ref();
                    let mut cell = [0u8; CELL];
                    cell[..t.len()].copy_from_slice(t);
                    cell[t.len()] = b',';
                    cell[CELL - 1] = t.len() as u8 + 1;
                    cell
                })
                .collect();
            Cells { short, long: None }
        } else {
            let long = texts.iter().map(|t| [t.as_ref(), b","].concat()).collect();
            Cells { short: Vec::new(), long: Some(long) }
        }
    }

    /// Room [`Cells::put`] needs after its position.
    pub fn width(&self) -> usize {
        match &self.long {
            None => CELL,
            Some(texts) => texts.iter().map(Vec::len).max().unwrap_or(0),
        }
    }

    /// Writes cell `i` (its text and a comma) at `out[pos..]` and returns the position after the comma.
    /// It may write padding up to `pos + self.width()`, which later writes overwrite.
    #[inline(always)]
    pub fn put(&self, out: &mut [u8], pos: usize, i: usize) -> usize {
        match &self.long {
            None => {
                let cell = &self.short[i];
                out[pos..pos + CELL].copy_from_slice(cell);
                pos + usize::from(cell[CELL - 1])
            }
            Some(texts) => {
                let t = &texts[i];
                out[pos..pos + t.len()].copy_from_slice(t);
                pos + t.len()
            }
        }
    }
}

/// [`Cells`] for a fixed set of `N` short texts (the status names): an array, so that an index known to be
/// below `N` (an enum's discriminant) needs no bounds check and there is no wide case to test for.
pub struct FixedCells<const N: usize> {
    cells: [[u8; CELL]; N],
}

impl<const N: usize> FixedCells<N> {
    /// Room [`FixedCells::put`] needs after its position.
    pub const WIDTH: usize = CELL;

    /// The cells `text,` for each of `texts`, or None when one does not fit a cell.
    pub fn new(texts: [&str; N]) -> Option<Self> {
        let mut cells = [[0u8; CELL]; N];
        for (cell, t) in cells.iter_mut().zip(texts) {
            if t.len() + 1 >= CELL {
                return None;
            }
            cell[..t.len()].copy_from_slice(t.as_bytes());
            cell[t.len()] = b',';
            cell[CELL - 1] = (t.len() + 1) as u8;
        }
        Some(FixedCells { cells })
    }

    /// Writes cell `i` (its text and a comma) at `out[pos..]` and returns the position after the comma.
    /// It may write padding up to `pos + Self::WIDTH`, which later writes overwrite.
    #[inline(always)]
    pub fn put(&self, out: &mut [u8], pos: usize, i: usize) -> usize {
        let cell = &self.cells[i];
        out[pos..pos + CELL].copy_from_slice(cell);
        pos + usize::from(cell[CELL - 1])
    }
}

/// The status names as cells (`name,`), indexed by status, for the files that write a status per row.
pub type StatusCells = FixedCells<{ crate::population::Status::COUNT }>;

/// [`StatusCells`] of every status; an error only if a status name were too long for a cell.
pub fn status_cells() -> Result<StatusCells, super::OutputError> {
    let mut names = [""; crate::population::Status::COUNT];
    for s in crate::population::Status::ALL {
        names[s as usize] = s.name();
    }
    FixedCells::new(names).ok_or_else(|| super::OutputError::Other("a status name does not fit its cell".into()))
}

/// Numbers below this are written from [`SmallNumbers`]' table (day counts in a run of under three years).
const SMALL: usize = 1000;

/// The decimal text of every number below [`SMALL`] followed by a comma, one 8-byte word each (text in the
/// low bytes, its length with the comma in the top byte): writing one is a load, a store and an add.
pub struct SmallNumbers {
    words: Box<[u64; SMALL]>,
}

impl Default for SmallNumbers {
    fn default() -> Self {
        let mut words = Box::new([0u64; SMALL]);
        for (v, w) in words.iter_mut().enumerate() {
            let mut bytes = [0u8; 8];
            let n = put_u64(&mut bytes, 0, v as u64);
            bytes[n] = b',';
            bytes[7] = (n + 1) as u8;
            *w = u64::from_le_bytes(bytes);
        }
        SmallNumbers { words }
    }
}

impl SmallNumbers {
    /// Room [`SmallNumbers::put`] needs after its position.
    pub const WIDTH: usize = MAX_U64_DIGITS + 1;

    /// Writes `v` in decimal and a comma at `out[pos..]` and returns the position after the comma. It may
    /// write padding up to `pos + Self::WIDTH`, which later writes overwrite.
    #[inline(always)]
    pub fn put(&self, out: &mut [u8], pos: usize, v: u32) -> usize {
        match self.words.get(v as usize) {
            Some(&w) => {
                out[pos..pos + 8].copy_from_slice(&w.to_le_bytes());
                pos + (w >> 56) as usize
            }
            None => {
                let end = put_u64(out, pos, u64::from(v));
                out[end] = b',';
                end + 1
            }
        }
    }
}

/// A number kept as its decimal digits followed by a comma, counting up from 0 (the agent column: no
/// division per row, a fixed-length copy).
pub struct DecimalCounter {
    /// Digits, most significant first, then a comma; the rest is zero.
    cell: [u8; CELL],
    /// How many (a byte, so that the position after them is known not to overflow).
    digits: u8,
}

impl Default for DecimalCounter {
    fn default() -> Self {
        let mut cell = [0u8; CELL];
        cell[0] = b'0';
        cell[1] = b',';
        DecimalCounter { cell, digits: 1 }
    }
}

impl DecimalCounter {
    /// Room [`DecimalCounter::put`] needs after its position.
    pub const WIDTH: usize = CELL;

    /// The digits, without the comma.
    #[cfg(test)]
    pub fn digits(&self) -> &[u8] {
        &self.cell[..usize::from(self.digits)]
    }

    /// Writes the number and a comma at `out[pos..]` and returns the position after the comma. It may write
    /// padding up to `pos + Self::WIDTH`, which later writes overwrite.
    #[inline(always)]
    pub fn put(&self, out: &mut [u8], pos: usize) -> usize {
        out[pos..pos + CELL].copy_from_slice(&self.cell);
        pos + usize::from(self.digits) + 1
    }

    #[inline]
    pub fn increment(&mut self) {
        let mut k = usize::from(self.digits);
        while k > 0 {
            k -= 1;
            if self.cell[k] == b'9' {
                self.cell[k] = b'0';
            } else {
                self.cell[k] += 1;
                return;
            }
        }
        // All nines: one more digit (u64::MAX has 20, so the cell never fills).
        self.cell[0] = b'1';
        self.cell[usize::from(self.digits)] = b'0';
        self.digits += 1;
        self.cell[usize::from(self.digits)] = b',';
    }
}

#[cfg(test)]
mod tests;
