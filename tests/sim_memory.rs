//! The simulation's memory is bounded whatever the trial count (issue 13): a run asked for more
//! trials than fit [`simulate::MEMORY_BUDGET_BYTES`] runs as many as fit and says so. Peak heap
//! use is measured with a counting allocator (this test binary's own).
#![cfg(not(target_arch = "wasm32"))]

use caseboard::model::simulate::{self, MEMORY_BUDGET_BYTES};
use caseboard::model::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// One measurement at a time: the tests of this file share the counters.
static ONE: Mutex<()> = Mutex::new(());

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak heap bytes above what was in use before `f`.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed) - before)
}

/// `n` initiatives of `benefits` cost-avoided benefits, every estimate a range.
fn ranged(n: usize, benefits: usize) -> Scenario {
    let r = |l: f64| Estimate::range(l * 0.5, l, l * 2.0);
    let mut s = blank_scenario();
    s.criteria = Vec::new();
    s.horizon_years = 1;
    s.initiatives = (0..n)
        .map(|k| Initiative {
            id: format!("i{k}"),
            name: format!("I{k}"),
            one_time_cost: r(1000.0),
            benefits: (0..benefits)
                .map(|_| Benefit {
                    label: "b".into(),
                    kind: BenefitKind::CostAvoided(CostAvoided {
                        amount_per_year: r(500.0),
                    }),
                    unknown: Default::default(),
                    sources: Default::default(),
                })
                .collect(),
            ..Initiative::default()
        })
        .collect();
    s
}

#[test]
fn a_million_trials_run_within_the_memory_budget_and_say_how_many_ran() {
    let _one = ONE.lock().unwrap();
    // 60 initiatives × 20 ranged benefits: 60 × (1 + 20) = 1,260 ranged inputs.
    let s = ranged(60, 20);
    assert!(validate(&s).is_empty());
    let (n, m) = (60, 60 * 21);
    // The cap by hand: 256 MiB ÷ (60 × 72 + 1,260 × 8 bytes a trial) = 268,435,456 ÷ 14,400.
    let cap = 268_435_456 / (60 * 72 + 1260 * 8);
    assert_eq!(simulate::max_trials(n, m), cap);
    let (sim, peak) = peak_of(|| simulate::simulate(&s, 1_000_000, 1));
    assert_eq!(sim.requested, 1_000_000);
    assert_eq!(sim.trials, cap);
    // What the budget counts is most of it; the rest (the report's tables, sort buffers) is
    // small beside it.
    assert!(
        peak <= MEMORY_BUDGET_BYTES + MEMORY_BUDGET_BYTES / 4,
        "peak {peak} bytes"
    );
    println!(
        "1,000,000 trials asked, 60 × 20 ranged: {} ran, peak heap {:.1} MB",
        sim.trials,
        peak as f64 / 1048576.0
    );
}

#[test]
fn runs_that_fit_are_not_capped() {
    let _one = ONE.lock().unwrap();
    let s = ranged(3, 2);
    let (sim, peak) = peak_of(|| simulate::simulate(&s, 20_000, 1));
    assert_eq!((sim.trials, sim.requested), (20_000, 20_000));
    // 20,000 × (3 × 72 + 9 × 8) bytes of records: 5.8 MB, far below the budget.
    assert!(peak < 16 << 20, "peak {peak} bytes");
}
