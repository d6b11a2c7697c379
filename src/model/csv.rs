//! A CSV writer for exports that spreadsheet apps open correctly (RFC 4180):
//!
//! * a cell holding the separator, a double quote or a line break is quoted, with its quotes
//!   doubled; every row ends in CRLF;
//! * text starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a
//!   spreadsheet shows it as text instead of running it as a formula (CSV injection); numbers are
//!   written as numbers and never prefixed;
//! * an optional UTF-8 byte order mark makes Excel read the file as UTF-8;
//! * comma, semicolon or tab separators, and a decimal comma for locales whose spreadsheets
//!   expect one (usually together with the semicolon).

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Written in full precision with no thousands separators; non-finite numbers as empty cells.
    Number(f64),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(x: f64) -> Self {
        Cell::Number(x)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(x: Option<T>) -> Self {
        x.map_or(Cell::Empty, Into::into)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    pub separator: char,
    pub decimal_comma: bool,
    /// Start with a UTF-8 byte order mark.
    pub bom: bool,
}

impl Default for CsvOptions {
    /// Comma-separated, decimal point, with a byte order mark.
    fn default() -> Self {
        CsvOptions {
            separator: ',',
            decimal_comma: false,
            bom: true,
        }
    }
}

/// Builds a CSV document row by row.
#[derive(Debug, Clone)]
pub struct CsvWriter {
    options: CsvOptions,
    out: String,
}

impl CsvWriter {
    pub fn new(options: CsvOptions) -> Self {
        let mut out = String::new();
        if options.bom {
            out.push('\u{FEFF}');
        }
        CsvWriter { options, out }
    }

    /// Appends one row.
    pub fn row<I>(&mut self, cells: I) -> &mut Self
    where
        I: IntoIterator,
        I::Item: Into<Cell>,
    {
        for (n, cell) in cells.into_iter().enumerate() {
            if n > 0 {
                self.out.push(self.options.separator);
            }
            let text = match cell.into() {
                Cell::Text(s) => {
                    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                        format!("'{s}")
                    } else {
                        s
                    }
                }
                Cell::Number(x) if x.is_finite() => {
                    let s = x.to_string();
                    if self.options.decimal_comma {
                        s.replace('.', ",")
                    } else {
                        s
                    }
                }
                Cell::Number(_) | Cell::Empty => String::new(),
            };
            self.push_field(&text);
        }
        self.out.push_str("\r\n");
        self
    }

    fn push_field(&mut self, text: &str) {
        let sep = self.options.separator;
        if text.contains([sep, '"', '\n', '\r']) {
            self.out.push('"');
            self.out.push_str(&text.replace('"', "\"\""));
            self.out.push('"');
        } else {
            self.out.push_str(text);
        }
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}
