//! The bytes of a FLEE folder's files as one load reads them: each file is read from disk once,
//! however many readers and warnings look at it, so that all of them see the same text.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::error::FleeInputError;

/// The files read so far by one load, by the path they were read from.
#[derive(Debug, Default)]
pub struct FileCache {
    read: RefCell<HashMap<PathBuf, Rc<[u8]>>>,
}

impl FileCache {
    /// The bytes of `path`: read from disk the first time, kept for every later look. A file that
    /// cannot be read is not kept (a later look tries again, and fails as the first did).
    pub fn read(&self, path: &Path) -> std::io::Result<Rc<[u8]>> {
        if let Some(bytes) = self.read.borrow().get(path) {
            return Ok(Rc::clone(bytes));
        }
        let bytes: Rc<[u8]> = read_input(path)?.into();
        self.read.borrow_mut().insert(path.to_path_buf(), Rc::clone(&bytes));
        Ok(bytes)
    }

    /// [`read`](Self::read), its failure as the readers' error naming `path`.
    pub fn bytes(&self, path: &Path) -> Result<Rc<[u8]>, FleeInputError> {
        self.read(path).map_err(|e| FleeInputError::io(path, e))
    }
}

/// The most bytes an input file may hold (1 GiB: FLEE's and corridor's inputs are megabytes).
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// The bytes of the input file at `path`, read whole: a file (a link to one is followed) of at most
/// `MAX_INPUT_BYTES`. A device (`/dev/zero`), a named pipe or a socket is refused before it is opened
/// (reading one never ends, or waits for a writer: adversarial review of session 22, where a table at
/// `/dev/zero` filled the memory); a folder fails as reading one does.
pub fn read_input(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() && !meta.is_dir() {
        return Err(Error::new(ErrorKind::InvalidInput, "not a regular file (a device, a named pipe or a socket)"));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::new(ErrorKind::InvalidData, "larger than 1 GiB, more than any input corridor reads"));
    }
    Ok(bytes)
}

/// [`read_input`] as text, which must be UTF-8: a byte that is not is named at its line
/// ([`not_utf8_at`]).
pub fn read_input_text(path: &Path) -> Result<String, FleeInputError> {
    let bytes = read_input(path).map_err(|e| FleeInputError::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| not_utf8_error(path, 1, e.as_bytes(), e.utf8_error()))
}

/// The readers' error for `bytes`, text from line `line` of `path` on, that are not UTF-8 (`e`): at
/// the line of the first such byte, naming it and its column there.
pub fn not_utf8_error(path: &Path, line: u64, bytes: &[u8], e: std::str::Utf8Error) -> FleeInputError {
    let (lines, column, byte) = not_utf8_at(bytes, e);
    let at = super::error::Location::file(path).line(line + lines as u64 - 1);
    FleeInputError::invalid(at, NOT_UTF8_EXPECTED, not_utf8_found(byte, column))
}

/// What a reader found where a byte is not UTF-8: the byte, at its (1-based) column.
fn not_utf8_found(byte: u8, column: usize) -> String {
    format!("byte 0x{byte:02x} at column {column}")
}

/// What a reader expects where a byte is not UTF-8.
const NOT_UTF8_EXPECTED: &str = "UTF-8 text (save the file as UTF-8)";

/// Where the first byte of `bytes` that is not UTF-8 (`e`) is, as its line and column (from 1), and
/// that byte.
pub fn not_utf8_at(bytes: &[u8], e: std::str::Utf8Error) -> (usize, usize, u8) {
    let good = &bytes[..e.valid_up_to()];
    let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, column, bytes[good.len()])
}

/// Whether anything is at `path` (a file, a folder, a link, also one to nowhere): an optional input
/// file FLEE would open is read, and its being a folder or a broken link an error, not taken for
/// its absence.
pub fn present(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_once_and_a_missing_one_each_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(&path, "first").unwrap();
        let files = FileCache::default();
        assert_eq!(&*files.read(&path).unwrap(), b"first");
        // Changed on disk after the first read: the load goes on seeing the text it read.
        std::fs::write(&path, "second").unwrap();
        assert_eq!(&*files.read(&path).unwrap(), b"first");
        assert_eq!(&*FileCache::default().read(&path).unwrap(), b"second");
        let missing = dir.path().join("b.csv");
        assert!(files.read(&missing).is_err());
        std::fs::write(&missing, "now").unwrap();
        assert_eq!(&*files.read(&missing).unwrap(), b"now");
        assert!(files.bytes(&dir.path().join("c.csv")).unwrap_err().to_string().contains("c.csv"));
    }

    /// Review of session 22: a simsetting.yml with a byte that is not UTF-8 was "stream did not contain
    /// valid UTF-8", with no line.
    #[test]
    fn text_that_is_not_utf8_is_named_at_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("simsetting.yml");
        std::fs::write(&path, b"a: 1\n# caf\xe9\n").unwrap();
        let e = read_input_text(&path).unwrap_err().to_string();
        assert_eq!(
            e,
            format!("{}:2: expected UTF-8 text (save the file as UTF-8), found byte 0xe9 at column 6", path.display())
        );
        std::fs::write(&path, "a: café\n").unwrap();
        assert_eq!(read_input_text(&path).unwrap(), "a: café\n");
    }
}
