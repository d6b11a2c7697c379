//! Prints the built-in example's figures and derivations: `cargo run --example show_example`.
use caseboard::model::*;

fn main() {
    let s = example_scenario();
    let e = evaluate(&s).expect("the example is valid");
    let f = PlainFormat {
        currency: &s.currency,
    };
    for r in &e.initiatives {
        println!("== {}", r.name);
        for b in &r.benefits {
            for l in b.derivation.lines(&f) {
                println!("   [{}] {l}", b.label);
            }
        }
        for h in [
            &r.npv,
            &r.roi,
            &r.benefit_cost_ratio,
            &r.payback_months,
            &r.irr,
            &r.cost_of_delay,
            &r.score,
        ] {
            for l in h.derivation.lines(&f) {
                println!("   {l}");
            }
        }
        for row in &r.tei {
            println!(
                "   {:<16} {:>12.0} {:?} total {:.0} pv {:.0}",
                row.label,
                row.initial,
                row.years.iter().map(|v| v.round()).collect::<Vec<_>>(),
                row.total,
                row.present_value
            );
        }
    }
    println!("ranks by NPV: {:?}", ranks(&e.initiatives, Figure::Npv));
}
