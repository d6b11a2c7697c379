//! Figures of the limits (`model::limits`): how long the link and the file of the largest
//! scenario within them are, and how long reading each takes natively; how quickly the issue's
//! hostile link of 300,000 empty initiatives is refused.
//! `cargo run --profile bench --example bench_limits`

use caseboard::formats::{flat, link, saved};
use caseboard::model::limits::*;
use caseboard::model::*;
use std::time::Instant;

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    // Every count and text at its limit, with realistic (not repetitive) text.
    let mut s = blank_scenario();
    let words = "service desk backup recovery licence portal outage incident capacity migration";
    let text = |n: usize, seed: usize| -> String {
        words
            .split(' ')
            .cycle()
            .skip(seed % 10)
            .flat_map(|w| [w, " "])
            .flat_map(str::chars)
            .take(n)
            .collect()
    };
    s.name = text(MAX_NAME_CHARS, 0);
    s.criteria = (0..MAX_CRITERIA)
        .map(|k| {
            Criterion::new(
                &format!("criterion-{k}"),
                &text(MAX_NAME_CHARS, k),
                Direction::HigherIsBetter,
            )
        })
        .collect();
    s.initiatives = (0..MAX_INITIATIVES)
        .map(|k| Initiative {
            id: format!("initiative-{k}"),
            name: text(MAX_NAME_CHARS, k),
            notes: text(MAX_NOTES_CHARS, k + 3),
            scores: s
                .criteria
                .iter()
                .map(|c| (c.id.clone(), ((k % 5) + 1) as f64))
                .collect(),
            benefits: (0..MAX_BENEFITS)
                .map(|b| Benefit {
                    label: text(MAX_NAME_CHARS, b),
                    kind: BenefitKind::CostAvoided(CostAvoided {
                        amount_per_year: Estimate::range(
                            1000.0 + b as f64,
                            2000.0 + k as f64,
                            4000.0,
                        ),
                    }),
                    unknown: Default::default(),
                    sources: Default::default(),
                })
                .collect(),
            ..Initiative::default()
        })
        .collect();
    let fragment = link::encode(&s);
    let file = saved::to_json(&s);
    println!(
        "largest scenario within the limits ({MAX_INITIATIVES} initiatives × {MAX_BENEFITS} benefits, {MAX_CRITERIA} criteria, every text at its limit):"
    );
    println!(
        "  link: {} characters; decoded in {:.1} ms (median of 7)",
        fragment.len(),
        median_ms(|| {
            link::decode(&fragment).unwrap();
        })
    );
    println!(
        "  file: {:.2} MB; read in {:.1} ms",
        file.len() as f64 / 1048576.0,
        median_ms(|| {
            saved::from_json(&file).unwrap();
        })
    );
    let toks = flat::write(&s);
    println!(
        "  flat form: {} items; read in {:.1} ms",
        toks.len(),
        median_ms(|| {
            flat::read(&toks).unwrap();
        })
    );
    let hostile = {
        use base64::Engine;
        let form = format!("[\"x\",[{}]]", vec!["[]"; 300_000].join(","));
        let z = miniz_oxide::deflate::compress_to_vec_zlib(form.as_bytes(), 10);
        format!(
            "c2.{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(z)
        )
    };
    println!(
        "hostile link of 300,000 empty initiatives ({} characters): refused in {:.1} ms",
        hostile.len(),
        median_ms(|| {
            link::decode(&hostile).unwrap_err();
        })
    );
}
