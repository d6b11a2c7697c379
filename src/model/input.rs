//! Reading what a user types into a number field: "85000", "85,000", "1e6", "80%", " 12.5 ", and
//! ranges ("150-250", "150-180-250", "150 to 250"). The one home for input parsing; pure, so it is
//! tested natively. The final text → `f64` conversion is passed in (the page uses JavaScript's,
//! which is exact like Rust's and adds no float-parsing tables to the download).
//!
//! A number is never silently read as another one: a comma is only a thousands separator where
//! it stands between groups of three digits before the decimal point ("1,000.5"); anything else
//! with a comma ("1,5", "1.000,50") is refused with a message saying how to write it. Where the
//! reader's own locale writes decimals with a comma, "1,500" and "1.500" could mean 1.5 as well as
//! 1500, so they are refused as ambiguous rather than guessed.

use super::estimate::Estimate;

/// How the reader's locale writes numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Locale {
    /// The locale writes decimals with a comma (1,5) and may group thousands with a point.
    pub decimal_comma: bool,
}

/// Converts plain decimal text (optional sign, digits with at most one point, optional
/// exponent) to a number.
pub type ToF64<'a> = &'a dyn Fn(&str) -> f64;

/// Separators that may group thousands: comma, space, no-break space, narrow no-break space,
/// underscore.
fn is_group_separator(c: char) -> bool {
    matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}' | '_')
}

/// A number as typed; empty is `None`. `%` at the end is allowed (percent inputs hold percent
/// numbers: "80%" is 80). Beyond a plain number it reads a currency symbol ("$120k"), a
/// multiplier (k thousand, m million, b or bn billion: "1.2M"), and arithmetic with `+`, `−`,
/// `*` or `×`, `/` or `÷` and parentheses ("15*40", "(8+4)*52"); a hyphen subtracts only inside
/// parentheses (elsewhere, after a number, it separates a range: `read_estimate`).
pub fn read_number(raw: &str, locale: Locale, to_f64: ToF64<'_>) -> Result<Option<f64>, String> {
    let typed = raw.trim();
    let body = typed.strip_suffix('%').unwrap_or(typed).trim_end();
    if body.is_empty() {
        return Ok(None);
    }
    let mut p = Parser {
        s: body,
        pos: 0,
        locale,
        to_f64,
    };
    let v = p.expr(0).map_err(|e| e.say(typed))?;
    p.skip_ws();
    if p.pos < body.len() {
        return Err(format!("“{typed}” is not a number"));
    }
    if v.is_finite() {
        Ok(Some(v))
    } else {
        Err(format!("“{typed}” is too large a number"))
    }
}

/// Why typed text is not a number.
enum Unread {
    /// Not a number (or not arithmetic).
    Not,
    /// A numeral that reads ambiguously or wrongly, with what to type (`ungroup`'s hint).
    Numeral(String, String),
    DivideByZero,
    Unclosed,
    TooDeep,
}

impl Unread {
    fn say(self, typed: &str) -> String {
        match self {
            Unread::Not => format!("“{typed}” is not a number"),
            Unread::Numeral(n, hint) => format!("“{n}” {hint}"),
            Unread::DivideByZero => format!("“{typed}” divides by zero"),
            Unread::Unclosed => format!("“{typed}” has a “(” that is not closed"),
            Unread::TooDeep => format!("“{typed}” has too many parentheses"),
        }
    }
}

/// Parentheses nest at most this deep (the parser recurses once per level).
const MAX_DEPTH: usize = 16;

/// A recursive-descent reader of one number or sum (`read_number`).
struct Parser<'a> {
    s: &'a str,
    pos: usize,
    locale: Locale,
    to_f64: ToF64<'a>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    /// Terms added and subtracted (a hyphen subtracts only within parentheses).
    fn expr(&mut self, depth: usize) -> Result<f64, Unread> {
        let mut v = self.term(depth)?;
        loop {
            self.skip_ws();
            match self.peek() {
                Some('+') => {
                    self.bump();
                    v += self.term(depth)?;
                }
                Some('−') => {
                    self.bump();
                    v -= self.term(depth)?;
                }
                Some('-') if depth > 0 => {
                    self.bump();
                    v -= self.term(depth)?;
                }
                _ => return Ok(v),
            }
        }
    }

    fn term(&mut self, depth: usize) -> Result<f64, Unread> {
        let mut v = self.factor(depth)?;
        loop {
            self.skip_ws();
            match self.peek() {
                Some('*' | '×') => {
                    self.bump();
                    v *= self.factor(depth)?;
                }
                Some('/' | '÷') => {
                    self.bump();
                    let d = self.factor(depth)?;
                    if d == 0.0 {
                        return Err(Unread::DivideByZero);
                    }
                    v /= d;
                }
                _ => return Ok(v),
            }
        }
    }

    fn factor(&mut self, depth: usize) -> Result<f64, Unread> {
        self.skip_ws();
        match self.peek() {
            Some('+') => {
                self.bump();
                self.factor(depth)
            }
            Some('-' | '−') => {
                self.bump();
                Ok(-self.factor(depth)?)
            }
            Some('(') if depth >= MAX_DEPTH => Err(Unread::TooDeep),
            Some('(') => {
                self.bump();
                let v = self.expr(depth + 1)?;
                self.skip_ws();
                if self.peek() != Some(')') {
                    return Err(Unread::Unclosed);
                }
                self.bump();
                Ok(v)
            }
            _ => self.number(),
        }
    }

    /// A numeral with an optional currency symbol before or after it and a multiplier.
    fn number(&mut self) -> Result<f64, Unread> {
        if self.peek().is_some_and(is_currency) {
            self.bump();
            self.skip_ws();
        }
        let start = self.pos;
        self.numeral();
        let text = self.s[start..self.pos].trim_end();
        self.pos = start + text.len();
        if text.is_empty() {
            return Err(Unread::Not);
        }
        let plain = ungroup(text, self.locale).map_err(|h| Unread::Numeral(text.into(), h))?;
        if !plain_decimal(&plain) {
            return Err(Unread::Not);
        }
        let exponent = self.multiplier();
        self.skip_ws();
        if self.peek().is_some_and(is_currency) {
            self.bump();
        }
        let to_f64 = self.to_f64;
        Ok(match exponent {
            // Decimal, so that 1.2M is exactly 1,200,000.
            Some(e) if !plain.contains(['e', 'E']) => to_f64(&format!("{plain}e{e}")),
            Some(e) => to_f64(&plain) * 10f64.powi(e),
            None => to_f64(&plain),
        })
    }

    /// Moves past a numeral: digits, points, commas, group separators followed by a digit, and
    /// an exponent ("1.5e6", "1e-3").
    fn numeral(&mut self) {
        while let Some(c) = self.peek() {
            let rest = &self.s[self.pos + c.len_utf8()..];
            let next_digit = rest.starts_with(|n: char| n.is_ascii_digit());
            let exponent = matches!(c, 'e' | 'E')
                && (next_digit
                    || (rest.starts_with(['+', '-'])
                        && rest[1..].starts_with(|n: char| n.is_ascii_digit())));
            if c.is_ascii_digit() || matches!(c, '.' | ',') || (is_group_separator(c) && next_digit)
            {
                self.bump();
            } else if exponent {
                self.bump();
                if self.peek().is_some_and(|s| s == '+' || s == '-') {
                    self.bump();
                }
            } else {
                return;
            }
        }
    }

    /// k, m, b or bn (either case) not followed by another letter: its power of ten.
    fn multiplier(&mut self) -> Option<i32> {
        let rest = &self.s[self.pos..];
        let lower = rest.get(..2).map(str::to_ascii_lowercase);
        let (len, e) = match rest.chars().next()?.to_ascii_lowercase() {
            'b' if lower.as_deref() == Some("bn") => (2, 9),
            'k' => (1, 3),
            'm' => (1, 6),
            'b' => (1, 9),
            _ => return None,
        };
        if rest[len..].starts_with(char::is_alphabetic) {
            return None;
        }
        self.pos += len;
        Some(e)
    }
}

/// Currency symbols a number may carry ("$120k", "120 €").
fn is_currency(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥')
}

/// A plain decimal ("4400000", "-1234.5", "1e+21": JavaScript's or Rust's shortest form) as an
/// input shows it: digits grouped in threes with a comma, or, where decimals take a comma, with a
/// narrow no-break space and a decimal comma ("4,400,000"; "4 400 000", "12,5"). Always read
/// back as the same number by [`read_number`] in the same locale: where "1,125" would be
/// ambiguous it is written "1,1250".
pub fn grouped_text(plain: &str, locale: Locale) -> String {
    if plain.contains(['e', 'E']) {
        return plain.to_string();
    }
    let (sign, unsigned) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let sep = if locale.decimal_comma {
        '\u{202f}'
    } else {
        ','
    };
    let mut out = String::from(sign);
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(if locale.decimal_comma { ',' } else { '.' });
        out.push_str(frac);
        if locale.decimal_comma && int.len() <= 3 && int != "0" && frac.len() == 3 {
            out.push('0');
        }
    }
    out
}

/// Digit groups as a locale that writes decimals with a comma groups them: "1.234.567" (points,
/// or the separators of `is_group_separator` other than the comma): the digits, if well formed.
fn points_grouped(int: &str) -> Option<String> {
    let groups: Vec<&str> = int
        .split(|c| c == '.' || (c != ',' && is_group_separator(c)))
        .collect();
    let ok = groups.iter().enumerate().all(|(k, g)| {
        g.bytes().all(|b| b.is_ascii_digit())
            && if k == 0 {
                (1..=3).contains(&g.len())
            } else {
                g.len() == 3
            }
    });
    ok.then(|| groups.concat())
}

/// Where decimals take a comma: "1.234,5", "12,5", "1.500.000" read as that locale writes them;
/// `None` for text this does not settle (left to `ungroup`'s general rules, which also say when
/// "1,500" or "1.500" is ambiguous).
fn comma_decimal(sign: &str, unsigned: &str) -> Option<String> {
    if unsigned.contains(['e', 'E']) {
        return None;
    }
    match unsigned.split_once(',') {
        Some((raw_int, frac)) if !frac.contains(',') && !frac.is_empty() => {
            let digits = frac.bytes().all(|b| b.is_ascii_digit());
            let int = points_grouped(raw_int).filter(|_| digits)?;
            // "1,500": one and a half, or fifteen hundred? Asked, not guessed. ("1 234,567" and
            // "1.234,567" are grouped, so the comma can only be the decimal mark.)
            let bare = raw_int.len() <= 3 && raw_int.bytes().all(|b| b.is_ascii_digit());
            let ambiguous = bare && frac.len() == 3 && int != "0";
            (!ambiguous).then(|| format!("{sign}{int}.{frac}"))
        }
        None if unsigned.matches('.').count() > 1 => {
            points_grouped(unsigned).map(|d| format!("{sign}{d}"))
        }
        _ => None,
    }
}

/// The number without its thousands separators, or why it cannot be read unambiguously.
fn ungroup(body: &str, locale: Locale) -> Result<String, String> {
    let (sign, unsigned) = match body.strip_prefix(['+', '-']) {
        Some(rest) => (&body[..1], rest),
        None => ("", body),
    };
    if locale.decimal_comma {
        if let Some(plain) = comma_decimal(sign, unsigned) {
            return Ok(plain);
        }
    }
    // The integer part: up to the decimal point or the exponent.
    let int_end = unsigned.find(['.', 'e', 'E']).unwrap_or(unsigned.len());
    let (int_part, rest) = unsigned.split_at(int_end);
    if rest.chars().any(|c| c == ',') {
        // "1.000,50": a comma after the point is a decimal comma.
        let guess: String = unsigned
            .chars()
            .filter(|c| *c != '.' && !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_'))
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        return Err(if plain_decimal(&guess) {
            format!("is not read: type {sign}{guess} (a point for decimals, no thousands separator needed)")
        } else {
            "is not a number".into()
        });
    }
    if rest.chars().any(is_group_separator) {
        return Err(
            "is not a number: separators may only group the digits before the point".into(),
        );
    }
    let grouped = int_part.chars().any(is_group_separator);
    if grouped {
        let groups: Vec<&str> = int_part.split(is_group_separator).collect();
        let well_formed = groups.iter().enumerate().all(|(k, g)| {
            let n = g.len();
            g.bytes().all(|b| b.is_ascii_digit())
                && if k == 0 { (1..=3).contains(&n) } else { n == 3 }
        });
        if !well_formed {
            let decimal = groups.len() == 2 && int_part.contains(',') && rest.is_empty();
            return Err(if decimal {
                format!(
                    "is not read: write decimals with a point ({sign}{}.{}) and use a comma only between thousands (1,000)",
                    groups[0], groups[1]
                )
            } else {
                "is not a number: a comma, space or underscore may only separate thousands (1,000,000)".into()
            });
        }
        if locale.decimal_comma && groups.len() == 2 && rest.is_empty() && int_part.contains(',') {
            return Err(ambiguous(sign, groups[0], groups[1]));
        }
    } else if locale.decimal_comma {
        // "1.500" where a point groups thousands.
        if let Some(frac) = rest.strip_prefix('.') {
            let grouping = (1..=3).contains(&int_part.len()) && int_part != "0";
            if grouping && frac.len() == 3 && frac.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ambiguous(sign, int_part, frac));
            }
        }
    }
    let mut out = String::with_capacity(body.len());
    out.push_str(sign);
    out.extend(int_part.chars().filter(|c| !is_group_separator(*c)));
    out.push_str(rest);
    Ok(out)
}

/// "1,500" or "1.500" where either could be meant: both readings, for the user to choose.
fn ambiguous(sign: &str, int_part: &str, frac: &str) -> String {
    let point = frac.trim_end_matches('0');
    let decimal = if point.is_empty() {
        format!("{sign}{int_part}")
    } else {
        format!("{sign}{int_part}.{point}")
    };
    format!("is ambiguous: type {sign}{int_part}{frac} for thousands, or {decimal} for a decimal")
}

/// A decimal number: optional sign, digits with at most one point, optional exponent.
fn plain_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(k) => (&s[..k], Some(&s[k + 1..])),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((a, b)) => {
            (digits(a) || a.is_empty())
                && (digits(b) || b.is_empty())
                && !(a.is_empty() && b.is_empty())
        }
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

/// What to type when a range cannot be read.
pub const RANGE_HELP: &str =
    "Type a number, or a range such as 150-250 or 150-180-250 (low-likely-high)";

/// An estimate: a number, or a range read as a 90% interval — "150-250" (the likely value
/// midway), "150-180-250" (low, likely, high), also with "to", "–", "—" or "~" between. A "-"
/// right after a number separates; anywhere else it is a minus sign ("-5 - 10", "1e-3 - 2e-3").
/// Empty is `None`. The order (low ≤ likely ≤ high) is validation's to check, beside the input.
pub fn read_estimate(
    raw: &str,
    locale: Locale,
    to_f64: ToF64<'_>,
) -> Result<Option<Estimate>, String> {
    // Split at the separators, keeping slices of `raw`.
    // Within parentheses a hyphen subtracts; outside, right after a number (its multiplier,
    // currency symbol, percent sign or closing parenthesis), it separates.
    let mut parts: Vec<&str> = Vec::new();
    let (mut from, mut after_number, mut depth) = (0, false, 0usize);
    let mut skip = 0;
    for (k, c) in raw.char_indices() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let word = c == 't' && after_number && raw[k..].starts_with("to ");
        let top = depth == 0;
        if top && (matches!(c, '–' | '—' | '~') || (c == '-' && after_number) || word) {
            parts.push(&raw[from..k]);
            from = k + c.len_utf8() + usize::from(word);
            skip = usize::from(word);
            after_number = false;
        } else if !c.is_whitespace() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
            after_number = c.is_ascii_digit()
                || matches!(
                    c,
                    '.' | '%' | ')' | 'k' | 'K' | 'm' | 'M' | 'b' | 'B' | 'n' | 'N'
                )
                || is_currency(c);
        }
    }
    parts.push(&raw[from..]);
    if parts.len() > 3 {
        return Err(RANGE_HELP.into());
    }
    let mut v = [0.0; 3];
    for (k, p) in parts.iter().enumerate() {
        match read_number(p, locale, to_f64)? {
            Some(x) => v[k] = x,
            None if parts.len() == 1 => return Ok(None),
            None => return Err(RANGE_HELP.into()),
        }
    }
    Ok(Some(match parts.len() {
        1 => Estimate::point(v[0]),
        2 => Estimate::range(v[0], v[0] + (v[1] - v[0]) / 2.0, v[1]),
        _ => Estimate::range(v[0], v[1], v[2]),
    }))
}

/// A whole number from `min` to `max` as typed (counts, years, trials, a seed), with a message
/// that says which rule it breaks.
pub fn read_whole(
    raw: &str,
    min: f64,
    max: f64,
    locale: Locale,
    to_f64: ToF64<'_>,
) -> Result<Option<f64>, String> {
    let Some(v) = read_number(raw, locale, to_f64)? else {
        return Ok(None);
    };
    let (lo, hi) = (whole_text(min), whole_text(max));
    if v.fract() != 0.0 {
        Err(format!("Enter a whole number from {lo} to {hi}"))
    } else if v > max {
        Err(format!(
            "Enter a whole number from {lo} to {hi}: at most {hi}"
        ))
    } else if v < min {
        Err(format!(
            "Enter a whole number from {lo} to {hi}: at least {lo}"
        ))
    } else {
        Ok(Some(v))
    }
}

/// 1000000 as "1,000,000" (bounds in messages; locale-free, like the input syntax).
fn whole_text(v: f64) -> String {
    let digits = super::limits::grouped(v.abs() as usize);
    if v < 0.0 {
        format!("-{digits}")
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POINT: Locale = Locale {
        decimal_comma: false,
    };
    const COMMA: Locale = Locale {
        decimal_comma: true,
    };

    fn std_f64(s: &str) -> f64 {
        s.parse().unwrap_or(f64::NAN)
    }

    fn num(raw: &str, locale: Locale) -> Result<Option<f64>, String> {
        read_number(raw, locale, &std_f64)
    }

    #[test]
    fn plain_and_grouped_numbers_read_as_written() {
        assert_eq!(num("85000", POINT), Ok(Some(85000.0)));
        assert_eq!(num(" 85,000 ", POINT), Ok(Some(85000.0)));
        assert_eq!(num("1,234,567.25", POINT), Ok(Some(1234567.25)));
        assert_eq!(num("1 000", POINT), Ok(Some(1000.0)));
        assert_eq!(num("-12,500", POINT), Ok(Some(-12500.0)));
        assert_eq!(num("80%", POINT), Ok(Some(80.0)));
        assert_eq!(num("1e6", POINT), Ok(Some(1e6)));
        assert_eq!(num(".5", POINT), Ok(Some(0.5)));
        assert_eq!(num("", POINT), Ok(None));
        assert_eq!(num("  % ", POINT), Ok(None));
    }

    #[test]
    fn a_decimal_comma_is_refused_not_misread() {
        // The case: read as 1.0005 before.
        let e = num("1.000,50", POINT).unwrap_err();
        assert!(e.contains("1000.50"), "{e}");
        let e = num("1,5", POINT).unwrap_err();
        assert!(e.contains("1.5"), "{e}");
        let e = num("12,50", POINT).unwrap_err();
        assert!(e.contains("12.50"), "{e}");
        for bad in [
            "1,00,000",
            "1,0000",
            ",500",
            "1,,000",
            "1.5,000",
            "1e3,000",
            "1,000 000x",
        ] {
            assert!(num(bad, POINT).is_err(), "{bad} was read");
        }
    }

    #[test]
    fn where_decimals_take_a_comma_one_group_of_three_is_ambiguous() {
        let e = num("1,500", COMMA).unwrap_err();
        assert!(e.contains("1500") && e.contains("1.5"), "{e}");
        let e = num("1.500", COMMA).unwrap_err();
        assert!(e.contains("1500") && e.contains("1.5"), "{e}");
        let e = num("2.000", COMMA).unwrap_err();
        assert!(e.contains("2000") && e.contains("or 2 for"), "{e}");
        // Not ambiguous: two groups, a point with other than three digits, a long integer part.
        assert_eq!(num("1,500,000", COMMA), Ok(Some(1_500_000.0)));
        assert_eq!(num("1.5", COMMA), Ok(Some(1.5)));
        assert_eq!(num("0.125", COMMA), Ok(Some(0.125)));
        assert_eq!(num("1234.500", COMMA), Ok(Some(1234.5)));
        // The same text is read where the point is the decimal mark.
        assert_eq!(num("1.500", POINT), Ok(Some(1.5)));
        assert_eq!(num("1,500", POINT), Ok(Some(1500.0)));
    }

    #[test]
    fn what_people_type_reads_as_meant() {
        // The cases, worked out by hand.
        let n = |raw| num(raw, POINT);
        assert_eq!(n("$120k"), Ok(Some(120_000.0)));
        assert_eq!(n("1.2M"), Ok(Some(1_200_000.0)));
        assert_eq!(n("120,000"), Ok(Some(120_000.0)));
        assert_eq!(n("120 000"), Ok(Some(120_000.0)));
        assert_eq!(n("1.5e6"), Ok(Some(1_500_000.0)));
        assert_eq!(n("15*40"), Ok(Some(600.0)));
        assert_eq!(n("(8+4)*52"), Ok(Some(624.0)));
        assert_eq!(n("15 × 40"), Ok(Some(600.0)));
        assert_eq!(n("1200 / 4 + 3"), Ok(Some(303.0)));
        assert_eq!(n("(100-20)*2"), Ok(Some(160.0)));
        assert_eq!(n("100 − 20"), Ok(Some(80.0)));
        assert_eq!(n("-(2+3)"), Ok(Some(-5.0)));
        assert_eq!(n("2bn"), Ok(Some(2e9)));
        assert_eq!(n("3B"), Ok(Some(3e9)));
        assert_eq!(n("120 €"), Ok(Some(120.0)));
        assert_eq!(n("£1.5k"), Ok(Some(1500.0)));
        assert_eq!(n("0.07m"), Ok(Some(70_000.0)));
        assert_eq!(n("80%"), Ok(Some(80.0)));
        // Refused, with the reason.
        assert!(n("1/0").unwrap_err().contains("divides by zero"));
        assert!(n("(1+2").unwrap_err().contains("not closed"));
        assert!(n("12 apples").unwrap_err().contains("not a number"));
        assert!(n("5km").unwrap_err().contains("not a number"));
        assert!(n("1,5*2").unwrap_err().contains("1.5"));
        assert!(n(&"(".repeat(100))
            .unwrap_err()
            .contains("too many parentheses"));
    }

    #[test]
    fn ranges_of_what_people_type() {
        let e = |raw| read_estimate(raw, POINT, &std_f64);
        assert_eq!(e("1.2M-2M"), Ok(Some(Estimate::range(1.2e6, 1.6e6, 2e6))));
        assert_eq!(
            e("$120k-$150k"),
            Ok(Some(Estimate::range(120e3, 135e3, 150e3)))
        );
        assert_eq!(
            e("(8+4)*52-(8+6)*52"),
            Ok(Some(Estimate::range(624.0, 676.0, 728.0)))
        );
    }

    #[test]
    fn where_decimals_take_a_comma_they_are_read_so() {
        let n = |raw| num(raw, COMMA);
        assert_eq!(n("1.234,5"), Ok(Some(1234.5)));
        assert_eq!(n("12,5"), Ok(Some(12.5)));
        assert_eq!(n("1.500.000"), Ok(Some(1_500_000.0)));
        assert_eq!(n("1\u{202f}234,567"), Ok(Some(1234.567)));
        assert_eq!(n("0,125"), Ok(Some(0.125)));
        assert_eq!(n("1,1250"), Ok(Some(1.125)));
        // Still a question, not a guess.
        assert!(n("1,125").unwrap_err().contains("ambiguous"));
        // The same text where decimals take a point: refused, with what to type.
        assert!(num("1.234,5", POINT).unwrap_err().contains("1234.5"));
    }

    #[test]
    fn numbers_show_grouped() {
        assert_eq!(grouped_text("4400000", POINT), "4,400,000");
        assert_eq!(grouped_text("-1234.5", POINT), "-1,234.5");
        assert_eq!(grouped_text("999", POINT), "999");
        assert_eq!(grouped_text("4400000", COMMA), "4\u{202f}400\u{202f}000");
        assert_eq!(grouped_text("12.5", COMMA), "12,5");
        assert_eq!(grouped_text("1.125", COMMA), "1,1250");
        assert_eq!(grouped_text("1e+21", POINT), "1e+21");
    }

    #[test]
    fn too_large_is_said() {
        assert!(num("1e400", POINT).unwrap_err().contains("too large"));
    }

    #[test]
    fn ranges_split_at_dashes_after_numbers_only() {
        let e = |raw| read_estimate(raw, POINT, &std_f64);
        assert_eq!(e("150-250"), Ok(Some(Estimate::range(150.0, 200.0, 250.0))));
        assert_eq!(
            e("150 to 250"),
            Ok(Some(Estimate::range(150.0, 200.0, 250.0)))
        );
        assert_eq!(
            e("-5 - 10"),
            Ok(Some(Estimate::range(-5.0, -5.0 + 15.0 / 2.0, 10.0)))
        );
        assert_eq!(
            e("1,000-2,000-4,000"),
            Ok(Some(Estimate::range(1000.0, 2000.0, 4000.0)))
        );
        assert_eq!(e("1-2-3-4"), Err(RANGE_HELP.into()));
        assert!(e("1,5-2").is_err());
        assert_eq!(e(""), Ok(None));
    }

    #[test]
    fn whole_numbers_name_the_rule_broken() {
        let w = |raw| read_whole(raw, 100.0, 1e6, POINT, &std_f64);
        assert_eq!(w("10,000"), Ok(Some(10_000.0)));
        // The case: "1e12" said "expected a whole number".
        assert!(w("1e12").unwrap_err().contains("at most 1,000,000"));
        assert!(w("50").unwrap_err().contains("at least 100"));
        assert!(w("1000.5").unwrap_err().contains("whole number"));
    }

    /// `n` with its integer digits grouped by `sep` every three, and `frac` after `point`.
    fn written(n: u64, frac: &str, sep: char, point: char) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (k, c) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(point);
            out.push_str(frac);
        }
        out
    }

    proptest::proptest! {
        /// Any number as the app shows it in an input (shortest form, then grouped) reads back
        /// as itself, in either kind of locale.
        #[test]
        fn a_shown_number_reads_back_as_itself(
            v in proptest::prop_oneof![
                -1e15f64..1e15,
                proptest::strategy::Strategy::prop_map(-1_000_000_000i64..1_000_000_000, |n| n as f64 / 1000.0),
                proptest::strategy::Strategy::prop_map(0u32..100_000, f64::from),
            ],
            comma in proptest::bool::ANY,
        ) {
            let locale = Locale { decimal_comma: comma };
            let shown = grouped_text(&format!("{v}"), locale);
            proptest::prop_assert_eq!(num(&shown, locale), Ok(Some(v)), "{}", shown);
        }

        #[test]
        fn english_grouping_reads_back_exactly(n in 0u64..1_000_000_000_000, frac in "[0-9]{0,4}") {
            let text = written(n, &frac, ',', '.');
            let plain = if frac.is_empty() { n.to_string() } else { format!("{n}.{frac}") };
            proptest::prop_assert_eq!(num(&text, POINT), Ok(Some(std_f64(&plain))));
        }

        /// "1.234.567,89" and the like are never read as some other number: refused, or the
        /// same number. (Where decimals take a point, "12,500" is twelve thousand five hundred
        /// by that locale's own convention; only where they take a comma may it mean 12.5.)
        #[test]
        fn continental_writing_is_never_misread(
            n in proptest::prop_oneof![0u64..1000, 1000u64..1_000_000_000_000],
            frac in "[0-9]{1,4}",
            comma in proptest::bool::ANY,
        ) {
            proptest::prop_assume!(comma || n >= 1000);
            let text = written(n, &frac, '.', ',');
            let meant = std_f64(&format!("{n}.{frac}"));
            let locale = Locale { decimal_comma: comma };
            match num(&text, locale) {
                Ok(Some(v)) => proptest::prop_assert_eq!(v, meant),
                Ok(None) => proptest::prop_assert!(false, "{} read as empty", text),
                Err(_) => {}
            }
        }
    }
}
