//! The one home of the rules for writing numbers for people (when money keeps its cents, how
//! many decimals a percent gets, "1 month"), over a [`NumberFormat`] that supplies the digits.
//! The browser's implementation is `Intl.NumberFormat` (`wire::intl`), for the scenario's
//! currency and the user's locale; [`Plain`] is a fixed en-US one for tests and logs.

use crate::model::{Derivation, Quantity, QuantityFormat};

/// How numbers are written: the primitives an implementation supplies, and the rules every
/// implementation shares (the provided methods).
pub trait NumberFormat {
    /// Whole money in the scenario's currency: "$144,110".
    fn money_whole(&self, v: f64) -> String;
    /// Money with cents: "$65.50".
    fn money_cents(&self, v: f64) -> String;
    /// Compact money with three significant digits, for charts and the simulated rows: "$1.25M".
    fn money_compact(&self, v: f64) -> String;
    /// A grouped number with at most `digits` decimals (0, 1 or 3), no trailing zeros: "1,234.5".
    fn decimals(&self, v: f64, digits: u8) -> String;
    /// A grouped number with exactly two decimals: "1.07".
    fn fixed2(&self, v: f64) -> String;

    /// Whole money; amounts under 100 keep their cents: "$65.50".
    fn money(&self, v: f64) -> String {
        if v.abs() < 100.0 && (v * 100.0).round() % 100.0 != 0.0 {
            self.money_cents(v)
        } else {
            self.money_whole(v)
        }
    }

    /// A plain number with up to three decimals: "1,234.5".
    fn number(&self, v: f64) -> String {
        self.decimals(v, 3)
    }

    /// A percent number (80 → "80%"), up to one decimal, or up to three below 1 point (and just
    /// below 100, so that 99.97% is not written 100%).
    fn percent(&self, pct: f64) -> String {
        let digits = if pct.abs() >= 100.0 || pct.fract() == 0.0 {
            0
        } else if pct.abs() < 1.0 || (pct > 99.0 && pct < 100.0) {
            3
        } else {
            1
        };
        format!("{}%", self.decimals(pct, digits))
    }

    /// Months to one decimal: "15.1 months", "1 month".
    fn months(&self, m: f64) -> String {
        let m = (m * 10.0).round() / 10.0;
        if m == 1.0 {
            "1 month".into()
        } else {
            format!("{} months", self.number(m))
        }
    }
}

/// A [`NumberFormat`] as the model's [`QuantityFormat`], to write derivations and quantities.
pub struct Quantities<'a>(pub &'a dyn NumberFormat);

impl QuantityFormat for Quantities<'_> {
    fn money(&self, v: f64) -> String {
        self.0.money(v)
    }

    fn number(&self, v: f64) -> String {
        self.0.number(v)
    }

    fn fixed2(&self, v: f64) -> String {
        self.0.fixed2(v)
    }

    fn money_cents(&self, v: f64) -> String {
        self.0.money_cents(v)
    }

    fn percent(&self, v: f64) -> String {
        self.0.percent(v)
    }

    fn months(&self, v: f64) -> String {
        self.0.months(v)
    }
}

/// A quantity in words: "$93,600/yr", "1.07 FTE".
pub fn quantity(f: &dyn NumberFormat, q: Quantity) -> String {
    Quantities(f).format(q)
}

/// A derivation's lines.
pub fn lines(f: &dyn NumberFormat, d: &Derivation) -> Vec<String> {
    d.lines(&Quantities(f))
}

/// "1st", "2nd", "3rd", "11th", "22nd".
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A fixed, locale-independent format in the style of en-US: "$144,110", "-$59.94", "$1.25M",
/// "EUR 1,500" for a currency other than US dollars. For tests and logs; the page and the
/// workers use the browser's (`wire::intl`).
pub struct Plain<'a> {
    pub currency: &'a str,
}

impl Plain<'_> {
    fn with_currency(&self, v: f64, digits: &str) -> String {
        let sign = if v < 0.0 && digits.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
            "-"
        } else {
            ""
        };
        if self.currency == "USD" {
            format!("{sign}${digits}")
        } else {
            format!("{sign}{} {digits}", self.currency)
        }
    }
}

/// `v` with `digits` decimals, thousands grouped, without its sign.
fn grouped(v: f64, digits: usize) -> String {
    let s = format!("{:.*}", digits, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

fn signed(v: f64, body: String) -> String {
    if v < 0.0 && body.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        format!("-{body}")
    } else {
        body
    }
}

impl NumberFormat for Plain<'_> {
    fn money_whole(&self, v: f64) -> String {
        self.with_currency(v, &grouped(v, 0))
    }

    fn money_cents(&self, v: f64) -> String {
        self.with_currency(v, &grouped(v, 2))
    }

    fn money_compact(&self, v: f64) -> String {
        let a = v.abs();
        let (scaled, suffix) = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
            .into_iter()
            .find(|(unit, _)| a >= *unit * 0.9995)
            .map_or((a, ""), |(unit, s)| (a / unit, s));
        // Three significant digits, trailing zeros dropped.
        let digits = if scaled >= 100.0 {
            0
        } else if scaled >= 10.0 {
            1
        } else {
            2
        };
        let body = format!("{scaled:.digits$}");
        let body = if body.contains('.') {
            body.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            body
        };
        self.with_currency(v, &format!("{body}{suffix}"))
    }

    fn decimals(&self, v: f64, digits: u8) -> String {
        let body = grouped(v, usize::from(digits));
        let body = if body.contains('.') {
            body.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            body
        };
        signed(v, body)
    }

    fn fixed2(&self, v: f64) -> String {
        signed(v, grouped(v, 2))
    }
}
