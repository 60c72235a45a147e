//! Cuts CSV text into records and fields exactly as the `csv` crate's reader does with its default
//! dialect, without building one (a reader's set-up costs ~270,000 instructions, more than a table).

/// Records cut from CSV text: the text and the fields' spans in it.
#[derive(Debug, Default)]
pub struct Cut {
    /// The text cut, then the text of its quoted fields (quotes removed, doubled quotes single).
    pub text: String,
    /// Each field's byte range in `text`.
    pub spans: Vec<(usize, usize)>,
    /// Each record: its 1-based line (where it starts), its first span and its number of fields.
    pub records: Vec<(usize, usize, usize)>,
    /// The line of a quoted field left open at the end (the reader keeps it as read; a table refuses it).
    pub unclosed_quote: Option<usize>,
    /// Each quoted field with text after its closing quote (`"a,"b`, read as `a,b`: a quote
    /// missing or misplaced), and the quoted field left open at the end, in file order: where it is
    /// (see [`Misquoted`]; `scenario::quotes` says which one an error comes from).
    pub misquoted: Vec<Misquoted>,
}

/// A quoted field followed by text before the comma or line end that ends it, which the reader
/// appends to the field (`"Timbuktu,"Timbuktu"` reads as `Timbuktu,Timbuktu"`), or one whose quote
/// is never closed (the reader reads the rest of the text into it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misquoted {
    /// The record (index into `records`) and the field's 0-based index in it.
    pub record: usize,
    pub field: usize,
    /// The field as written, from its opening quote; and the byte in it just past the closing quote
    /// (the end of the text for a quote never closed).
    pub written: (usize, usize),
    pub closed_at: usize,
    /// Whether the quote is closed (else it runs to the end of the text).
    pub closed: bool,
}

impl Cut {
    /// The fields of record `r`.
    pub fn fields(&self, r: usize) -> impl Iterator<Item = &str> + '_ {
        let (_, first, n) = self.records[r];
        self.spans[first..first + n].iter().map(|&(a, b)| &self.text[a..b])
    }

    /// Field `i` of record `r`, if the record has that many.
    pub fn field(&self, r: usize, i: usize) -> Option<&str> {
        let (_, first, n) = self.records[r];
        let &(a, b) = self.spans[first..first + n].get(i)?;
        Some(&self.text[a..b])
    }

    /// The line (1-based) of the record that holds `m`.
    pub fn line_of(&self, m: &Misquoted) -> usize {
        self.records[m.record].0
    }
}

/// The line ends in `bytes`: each `\n`, `\r\n` or lone `\r` (old Mac files; the CSV reader ends records
/// at each, and so does Python's `csv` for FLEE). Bad-input review of session 32: a file of lone `\r`
/// had every error said at line 1.
pub fn line_ends(bytes: &[u8]) -> usize {
    let lone_cr = |k: usize| bytes.get(k + 1) != Some(&b'\n');
    bytes.iter().enumerate().filter(|&(k, &b)| b == b'\n' || (b == b'\r' && lone_cr(k))).count()
}

/// Cuts `text` as the `csv` crate's flexible reader would (delimiter `,`, quote `"` doubled to
/// escape it, records ending at `\r`, `\n` or `\r\n`, blank lines skipped, a UTF-8 byte order mark
/// at the very start dropped, a quote inside an unquoted field kept as text, a quoted field left
/// open at the end kept as read). Text cannot fail to cut: the reader's only errors on text are
/// for bytes that are not UTF-8, and `text` is a `str`.
pub fn cut(text: &str) -> Cut {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // The text itself, copied once: unquoted fields are spans of it, and quoted ones (whose quotes
    // go) are written after it.
    let mut out = Cut { text: String::with_capacity(n + 64), ..Cut::default() };
    out.text.push_str(text);
    let mut i = if bytes.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
    let (mut line, mut counted) = (1usize, 0usize);
    let is_term = |b: u8| b == b'\n' || b == b'\r';
    // Unquoted text (or what follows a closing quote) runs to a comma or a line end.
    let plain_end = |i: usize| i + bytes[i..].iter().position(|&b| b == b',' || is_term(b)).unwrap_or(n - i);
    while i < n {
        if is_term(bytes[i]) {
            i += 1;
            continue;
        }
        line += line_ends(&bytes[counted..i]);
        counted = i;
        let first = out.spans.len();
        loop {
            if bytes.get(i) == Some(&b'"') {
                let (start, opened) = (out.text.len(), i);
                let mut closed = true;
                i += 1;
                // Inside quotes: everything is text up to a quote; two quotes are one quote.
                loop {
                    match bytes[i..].iter().position(|&b| b == b'"') {
                        Some(k) => {
                            out.text.push_str(&text[i..i + k]);
                            i += k + 1;
                            if bytes.get(i) == Some(&b'"') {
                                out.text.push('"');
                                i += 1;
                            } else {
                                break;
                            }
                        }
                        None => {
                            out.text.push_str(&text[i..]);
                            out.unclosed_quote = Some(line);
                            closed = false;
                            i = n;
                            break;
                        }
                    }
                }
                let end = plain_end(i);
                if !closed || !text[i..end].trim().is_empty() {
                    let (record, field) = (out.records.len(), out.spans.len() - first);
                    out.misquoted.push(Misquoted { record, field, written: (opened, end), closed_at: i, closed });
                }
                out.text.push_str(&text[i..end]);
                i = end;
                out.spans.push((start, out.text.len()));
            } else {
                let end = plain_end(i);
                out.spans.push((i, end));
                i = end;
            }
            if bytes.get(i) == Some(&b',') {
                i += 1;
            } else {
                break;
            }
        }
        out.records.push((line, first, out.spans.len() - first));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records and 1-based lines the `csv` crate reads from `text` (lines counted from each
    /// record's byte offset, past the blank lines the reader skipped).
    fn by_csv_crate(text: &str) -> Vec<(usize, Vec<String>)> {
        let bytes = text.as_bytes();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
        let mut out = Vec::new();
        for record in reader.records() {
            let record = record.unwrap();
            let mut at = record.position().unwrap().byte() as usize;
            while at < bytes.len() && (bytes[at] == b'\n' || bytes[at] == b'\r') {
                at += 1;
            }
            let line = 1 + line_ends(&bytes[..at]);
            out.push((line, record.iter().map(str::to_string).collect()));
        }
        out
    }

    fn by_cut(text: &str) -> Vec<(usize, Vec<String>)> {
        let c = cut(text);
        (0..c.records.len()).map(|r| (c.records[r].0, c.fields(r).map(str::to_string).collect())).collect()
    }

    #[test]
    fn cuts_as_the_csv_crate_on_awkward_text() {
        let cases = [
            "",
            "\u{feff}",
            "\u{feff}a,b\n",
            "a\u{feff},b",
            "#\"name\",\"lat\",pop\nA,1,2\n",
            "a,b\r\nc,d\re,f\n\n\r\n,\n,,\r",
            "a,",
            "a,\n",
            "\"open",
            "\"a\"\"",
            "\"a\"\"b\",\"c\nd\"\r\ne",
            "x\"A\",\"1\" \n\"\"\" B \"\"\",2\n",
            "\"q\"tail,\"\"\n\"\",\"\"\"\"",
            " \u{3000} ,\t, \n\u{b}B,,\n",
            "é,\"ü,\"\n\n\nÅ",
        ];
        for text in cases {
            assert_eq!(by_cut(text), by_csv_crate(text), "{text:?}");
        }
    }

    /// A quoted field with text after its closing quote (an unbalanced quote: `"a,"b` for `"a","b"`)
    /// is read as the reader reads it and noted, with where it is; blanks after the quote are not.
    #[test]
    fn text_after_a_closing_quote_is_noted() {
        let text = "x,y\n\"a,\"b\",c\n\"d\" ,e\n\"f\"\"g\",h\n";
        let c = cut(text);
        assert_eq!(c.fields(1).collect::<Vec<_>>(), ["a,b\"", "c"]);
        assert_eq!(c.misquoted.len(), 1, "{:?}", c.misquoted);
        let m = &c.misquoted[0];
        assert_eq!((m.record, m.field), (1, 0));
        assert_eq!(&c.text[m.written.0..m.written.1], "\"a,\"b\"");
        assert_eq!(&c.text[m.written.0..m.closed_at], "\"a,\"");
        // A quote never closed is noted too, running to the end.
        let c = cut("a,\"b\nc,d\n");
        assert_eq!(c.misquoted.len(), 1, "{:?}", c.misquoted);
        assert_eq!((c.misquoted[0].field, c.misquoted[0].closed, c.misquoted[0].written), (1, false, (2, 9)));
    }

    #[test]
    fn cuts_as_the_csv_crate_on_random_text() {
        // Every string of up to 6 symbols over the bytes that matter to the reader (a quote, a comma,
        // both line ends, a blank and a letter): 55,987 texts, each cut both ways.
        let alphabet = ['"', ',', '\n', '\r', ' ', 'a'];
        let mut text = String::new();
        for len in 0..=6u32 {
            for code in 0..alphabet.len().pow(len) {
                text.clear();
                let mut c = code;
                for _ in 0..len {
                    text.push(alphabet[c % alphabet.len()]);
                    c /= alphabet.len();
                }
                assert_eq!(by_cut(&text), by_csv_crate(&text), "{text:?}");
            }
        }
    }
}
