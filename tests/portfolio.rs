//! Portfolio selection against brute force: on random instances of up to 18 candidates, with
//! per-year budgets, a capacity, requirement chains, groups of alternatives and mandatory
//! candidates, the solver's value equals the best of every subset, and its set keeps every rule.
#![cfg(not(target_arch = "wasm32"))]

use caseboard::model::portfolio::{
    frontier, greedy, need, select, select_from, shadow, Candidate, Infeasible, Marginal, Minimum,
    Need, Problem, Selection,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Whether `set` keeps every rule of `p` (the same tolerance as the solver's).
fn allowed(p: &Problem, set: &[bool]) -> bool {
    let within = |used: f64, limit: f64| used <= limit + 1e-9 * limit.abs().max(1.0);
    for (i, c) in p.candidates.iter().enumerate() {
        if c.mandatory && !set[i] {
            return false;
        }
        if set[i] && !c.requires.iter().all(|&r| set[r]) {
            return false;
        }
    }
    let mut groups = std::collections::HashMap::new();
    for (i, c) in p.candidates.iter().enumerate() {
        if let (true, Some(g)) = (set[i], c.group) {
            *groups.entry(g).or_insert(0) += 1;
        }
    }
    if groups.values().any(|&n| n > 1) {
        return false;
    }
    for (d, b) in p.budgets.iter().enumerate() {
        if let Some(b) = b {
            let used: f64 = (0..set.len())
                .filter(|&i| set[i])
                .map(|i| p.candidates[i].spend[d])
                .sum();
            if !within(used, *b) {
                return false;
            }
        }
    }
    if let Some(cap) = p.capacity {
        let used: f64 = (0..set.len())
            .filter(|&i| set[i])
            .map(|i| p.candidates[i].effort)
            .sum();
        if !within(used, cap) {
            return false;
        }
    }
    p.minimums.iter().all(|m| {
        let got: f64 = (0..set.len())
            .filter(|&i| set[i])
            .map(|i| m.amount[i])
            .sum();
        got >= m.at_least - 1e-9 * m.at_least.abs().max(1.0)
    })
}

/// The best value of any allowed subset, by trying them all.
fn brute_force(p: &Problem) -> Option<f64> {
    best_of(p, |i| p.candidates[i].value)
}

/// The largest total of `score` over the allowed subsets, by trying them all.
fn best_of(p: &Problem, score: impl Fn(usize) -> f64) -> Option<f64> {
    let n = p.candidates.len();
    let mut best: Option<f64> = None;
    let mut set = vec![false; n];
    for mask in 0u32..(1 << n) {
        for (i, s) in set.iter_mut().enumerate() {
            *s = mask & (1 << i) != 0;
        }
        if allowed(p, &set) {
            let v: f64 = (0..n).filter(|&i| set[i]).map(&score).sum();
            best = Some(best.map_or(v, |b: f64| b.max(v)));
        }
    }
    best
}

/// Sometimes (two times in five) one or two minimums: an amount on about 40% of the candidates
/// (their spend in all, or their effort), at least 10% to 60% of those amounts' total, so some
/// cannot be reached. A separate generator, so that the instances themselves stay as they were.
fn with_minimums(rng: &mut ChaCha8Rng, mut p: Problem) -> Problem {
    if !rng.random_bool(0.4) {
        return p;
    }
    for _ in 0..rng.random_range(1..=2) {
        let effort = rng.random_bool(0.3);
        let amount: Vec<f64> = p
            .candidates
            .iter()
            .map(|c| match (rng.random_bool(0.4), effort) {
                (false, _) => 0.0,
                (true, true) => c.effort,
                (true, false) => c.spend.iter().sum(),
            })
            .collect();
        let total: f64 = amount.iter().sum();
        let at_least = (total * rng.random_range(0.1..0.6)).round();
        p.minimums.push(Minimum { amount, at_least });
    }
    p
}

/// A random instance: values mostly positive, some prerequisites worth nothing; each candidate
/// may require earlier ones (chains); a few groups of alternatives; a mandatory one now and then;
/// spend in each of `years` budgets, which hold about half of all the candidates' spend.
fn instance(rng: &mut ChaCha8Rng, n: usize, years: usize) -> Problem {
    let mut candidates = Vec::with_capacity(n);
    for i in 0..n {
        let value = if rng.random_bool(0.15) {
            -rng.random_range(0.0..50.0)
        } else {
            rng.random_range(0.0..500.0_f64).round()
        };
        let spend = (0..years)
            .map(|_| rng.random_range(0.0..100.0_f64).round())
            .collect();
        let mut requires = Vec::new();
        if i > 0 && rng.random_bool(0.3) {
            requires.push(rng.random_range(0..i));
        }
        if i > 1 && rng.random_bool(0.1) {
            requires.push(rng.random_range(0..i));
        }
        requires.dedup();
        candidates.push(Candidate {
            value,
            spend,
            effort: rng.random_range(0.0..12.0_f64).round(),
            mandatory: rng.random_bool(0.08),
            requires,
            group: rng.random_bool(0.25).then(|| rng.random_range(0..3)),
        });
    }
    let total = |d: usize| {
        candidates
            .iter()
            .map(|c: &Candidate| c.spend[d])
            .sum::<f64>()
    };
    let budgets = (0..years)
        .map(|d| {
            rng.random_bool(0.85)
                .then(|| (total(d) * rng.random_range(0.3..0.7)).round())
        })
        .collect();
    let effort: f64 = candidates.iter().map(|c| c.effort).sum();
    let capacity = rng
        .random_bool(0.6)
        .then(|| (effort * rng.random_range(0.3..0.8)).round());
    Problem {
        candidates,
        budgets,
        capacity,
        ..Default::default()
    }
}

fn check(p: &Problem, label: &str) {
    let want = brute_force(p);
    match (select(p), want) {
        (Ok(s), Some(best)) => {
            assert!(s.optimal, "{label}: not proven optimal");
            assert!(
                allowed(p, &s.funded),
                "{label}: the set breaks a rule: {:?}",
                s.funded
            );
            let v: f64 = (0..s.funded.len())
                .filter(|&i| s.funded[i])
                .map(|i| p.candidates[i].value)
                .sum();
            assert!(
                (v - s.value).abs() < 1e-6,
                "{label}: value {} is not its set's {v}",
                s.value
            );
            assert!(
                (s.value - best).abs() < 1e-6,
                "{label}: solver {} against brute force {best}",
                s.value
            );
        }
        (Err(Infeasible::MandatoryOver { .. } | Infeasible::MandatoryRivals { .. }), None) => {}
        (Err(Infeasible::MinimumUnreachable { minimum, short }), None) => {
            // The minimums before it are reached together; the most its amount comes to, with
            // them kept, falls short by `short`.
            let mut q = p.clone();
            q.minimums.truncate(minimum);
            let most = best_of(&q, |i| p.minimums[minimum].amount[i]);
            let most = most.unwrap_or_else(|| panic!("{label}: minimums before {minimum} unmet"));
            assert!(
                (p.minimums[minimum].at_least - most - short).abs() < 1e-6,
                "{label}: short {short}, brute force {}",
                p.minimums[minimum].at_least - most
            );
        }
        (got, want) => panic!("{label}: solver {got:?}, brute force {want:?}"),
    }
}

#[test]
fn the_solver_equals_brute_force_on_random_instances_up_to_14() {
    let mut rng = ChaCha8Rng::seed_from_u64(16);
    let mut more = ChaCha8Rng::seed_from_u64(160);
    let (mut unreachable_minimums, mut binding_minimums) = (0, 0);
    for case in 0..400 {
        let n = rng.random_range(1..=14);
        let years = rng.random_range(1..=3);
        let p = with_minimums(&mut more, instance(&mut rng, n, years));
        check(&p, &format!("case {case} (n {n}, {years} budgets)"));
        if !p.minimums.is_empty() {
            let without = Problem {
                minimums: Vec::new(),
                ..p.clone()
            };
            match (brute_force(&p), brute_force(&without)) {
                (None, Some(_)) => unreachable_minimums += 1,
                (Some(a), Some(b)) if a < b - 1e-6 => binding_minimums += 1,
                _ => {}
            }
        }
    }
    // The minimums are exercised: some out of reach, some that change the best set.
    assert!(
        unreachable_minimums >= 10 && binding_minimums >= 10,
        "{unreachable_minimums} unreachable, {binding_minimums} binding"
    );
}

#[test]
fn the_solver_equals_brute_force_on_instances_of_18() {
    let mut rng = ChaCha8Rng::seed_from_u64(18);
    let mut more = ChaCha8Rng::seed_from_u64(180);
    for case in 0..6 {
        let p = with_minimums(&mut more, instance(&mut rng, 18, 3));
        check(&p, &format!("18 candidates, case {case}"));
    }
}

/// A candidate spending `spend` (one entry per budget) and `effort`, neither mandatory, requiring
/// nor in a group.
fn cand(value: f64, spend: &[f64], effort: f64) -> Candidate {
    Candidate {
        value,
        spend: spend.to_vec(),
        effort,
        mandatory: false,
        requires: Vec::new(),
        group: None,
    }
}

#[test]
fn greedy_ranks_and_funds_until_the_money_runs_out() {
    // Budget 12. 5 is mandatory (spends 1, worth 1); 3 (worth 5, spends 1) requires 4 (worth
    // −1, spends 2); 1 and 2 are alternatives.
    let mut p = Problem {
        candidates: vec![
            cand(10.0, &[6.0], 0.0),
            cand(9.0, &[5.0], 0.0),
            cand(4.0, &[3.0], 0.0),
            cand(5.0, &[1.0], 0.0),
            cand(-1.0, &[2.0], 0.0),
            cand(1.0, &[1.0], 0.0),
        ],
        budgets: vec![Some(12.0)],
        ..Default::default()
    };
    p.candidates[5].mandatory = true;
    p.candidates[3].requires = vec![4];
    p.candidates[1].group = Some(0);
    p.candidates[2].group = Some(0);
    // In the order 3, 1, 0, 2: 5 first (used 1, worth 1); 3 with 4 (used 4, worth 5); 1 (used
    // 9, worth 14); 0 would make 15, skipped; 2 is 1's rival, skipped.
    let s = greedy(&p, &[3, 1, 0, 2]).unwrap();
    assert_eq!(s.funded, vec![false, true, false, true, true, true]);
    assert_eq!(s.value, 14.0);
    assert!(!s.optimal);
    assert_eq!(s.gap, 0.0);
    // The optimum: 5, 0 and 1 spend 12 for 20 (0, 3 with 4 and 2 spend 12 for only 19).
    assert_eq!(select(&p).unwrap().value, 20.0);
    // Budget 0.5: the mandatory 5 alone is over.
    p.budgets = vec![Some(0.5)];
    assert_eq!(greedy(&p, &[0, 1]), None);
}

#[test]
fn select_from_starts_from_a_feasible_set() {
    // Budget 10: a (9, spends 6), b (7, spends 4), c (15, spends 9). From {c} (15) the search
    // still finds {a, b} (16); a start that breaks the budget is ignored.
    let p = Problem {
        candidates: vec![
            cand(9.0, &[6.0], 0.0),
            cand(7.0, &[4.0], 0.0),
            cand(15.0, &[9.0], 0.0),
        ],
        budgets: vec![Some(10.0)],
        ..Default::default()
    };
    for start in [
        [false, false, true],
        [true, false, true],
        [true, true, false],
    ] {
        let s = select_from(&p, &start).unwrap();
        assert_eq!(s.funded, vec![true, true, false]);
        assert_eq!(s.value, 16.0);
        assert!(s.optimal);
    }
}

#[test]
fn a_frontier_by_hand() {
    // One budget of 10; a, b, c worth 6, 5, 3, each spending 4. All three spend 12 = 1.2 × 10,
    // so t_max is 1.5: levels 0, 0.75, 1.5, and 1 inserted; budgets 0, 7.5, 10, 15.
    let mut p = Problem {
        candidates: vec![
            cand(6.0, &[4.0], 0.0),
            cand(5.0, &[4.0], 0.0),
            cand(3.0, &[4.0], 0.0),
        ],
        budgets: vec![Some(10.0)],
        ..Default::default()
    };
    let f = frontier(&p, 3, &[2, 1, 0]);
    let factors: Vec<f64> = f.iter().map(|x| x.factor).collect();
    assert_eq!(factors, vec![0.0, 0.75, 1.0, 1.5]);
    let budgets: Vec<f64> = f.iter().map(|x| x.budget).collect();
    assert_eq!(budgets, vec![0.0, 7.5, 10.0, 15.0]);
    // Exactly: nothing; one (a, 6); two (a and b, 11); all three (14). Ranked c, b, a: nothing;
    // c (3); c and b (8); all three (14).
    let exact: Vec<Option<f64>> = f.iter().map(|x| x.exact).collect();
    assert_eq!(exact, vec![Some(0.0), Some(6.0), Some(11.0), Some(14.0)]);
    let ranked: Vec<Option<f64>> = f.iter().map(|x| x.greedy).collect();
    assert_eq!(ranked, vec![Some(0.0), Some(3.0), Some(8.0), Some(14.0)]);
    assert!(f.iter().all(|x| x.optimal));
    // Budget 5: all three need 12 = 2.4 × 5, so t_max is 2.4: 0, 1.2, 2.4 and 1.
    p.budgets = vec![Some(5.0)];
    let factors: Vec<f64> = frontier(&p, 3, &[]).iter().map(|x| x.factor).collect();
    assert_eq!(factors, vec![0.0, 1.0, 1.2, 2.4]);
    // c mandatory, budget 10: at factor 0 nothing is possible; at 0.75 (7.5), c alone (3).
    p.budgets = vec![Some(10.0)];
    p.candidates[2].mandatory = true;
    let f = frontier(&p, 3, &[0, 1]);
    assert_eq!((f[0].exact, f[0].greedy), (None, None));
    assert_eq!((f[1].exact, f[1].greedy), (Some(3.0), Some(3.0)));
    // No budget set: no frontier.
    p.budgets = vec![None];
    assert!(frontier(&p, 3, &[]).is_empty());
}

#[test]
fn shadow_prices_by_hand() {
    // Budget 40 (a second budget not set), capacity 6: a (10, spends 24, effort 3), b (9, 18,
    // 3), c (4, 16, 1). The optimum is {a, c}: spends 40, effort 4, worth 14 ({a, b} would spend
    // 42; {b, c} is worth 13).
    let p = Problem {
        candidates: vec![
            cand(10.0, &[24.0, 0.0], 3.0),
            cand(9.0, &[18.0, 0.0], 3.0),
            cand(4.0, &[16.0, 0.0], 1.0),
        ],
        budgets: vec![Some(40.0), None],
        capacity: Some(6.0),
        ..Default::default()
    };
    let sel = select(&p).unwrap();
    assert_eq!(sel.value, 14.0);
    let sh = shadow(&p, &sel);
    // The budget's step is 5% of 40 = 2: at 42, {a, b} fits (effort 6) for 19: (19 − 14) / 2.
    assert_eq!(
        sh.budgets,
        vec![
            Some(Marginal {
                step: 2.0,
                per_unit: 2.5
            }),
            None
        ]
    );
    // The capacity's step is 1 (5% of 6 is less): at 7 the budget still binds, no gain.
    assert_eq!(
        sh.capacity,
        Some(Marginal {
            step: 1.0,
            per_unit: 0.0
        })
    );
}

#[test]
fn need_by_hand() {
    // Budget 14 (a second not set), capacity 3. Funded: 0 (spends 6, effort 1), 1 (5), 5 (1,
    // requires 1) and the mandatory 6 (2): 14 spent, effort 1.
    let mut p = Problem {
        candidates: vec![
            cand(10.0, &[6.0, 0.0], 1.0),
            cand(8.0, &[5.0, 0.0], 0.0),
            cand(7.0, &[4.0, 0.0], 0.0),
            cand(6.0, &[3.0, 0.0], 2.0),
            cand(-1.0, &[2.0, 0.0], 0.0),
            cand(2.0, &[1.0, 0.0], 0.0),
            cand(3.0, &[2.0, 0.0], 0.0),
            cand(5.0, &[1.0, 0.0], 0.0),
            cand(4.0, &[2.0, 0.0], 0.0),
        ],
        budgets: vec![Some(14.0), None],
        capacity: Some(3.0),
        ..Default::default()
    };
    p.candidates[1].group = Some(0);
    p.candidates[2].group = Some(0);
    p.candidates[3].requires = vec![4];
    p.candidates[5].requires = vec![1];
    p.candidates[6].mandatory = true;
    p.candidates[6].group = Some(1);
    p.candidates[7].group = Some(1);
    p.candidates[8].requires = vec![7];
    let funded = vec![true, true, false, false, false, true, true, false, false];
    let sel = Selection {
        funded,
        value: 23.0,
        optimal: true,
        gap: 0.0,
        nodes: 0,
    };
    // 3 with its requirement 4: 14 + 3 + 2 = 19, 5 over the budget; effort 1 + 2 = 3, within.
    assert_eq!(
        need(&p, &sel, 3),
        Need {
            extra: vec![5.0, 0.0],
            capacity: 0.0,
            instead_of: None,
            blocked_by: None
        }
    );
    // 2 instead of its rival 1, which 5 requires: 14 − 5 − 1 + 4 = 12, within.
    assert_eq!(
        need(&p, &sel, 2),
        Need {
            extra: vec![0.0, 0.0],
            capacity: 0.0,
            instead_of: Some(1),
            blocked_by: None
        }
    );
    // 8 requires 7, whose group holds the mandatory 6: blocked by 7; 14 + 2 + 1 = 17, 3 over.
    assert_eq!(
        need(&p, &sel, 8),
        Need {
            extra: vec![3.0, 0.0],
            capacity: 0.0,
            instead_of: None,
            blocked_by: Some(7)
        }
    );
    // A funded candidate needs nothing.
    assert_eq!(need(&p, &sel, 0).extra, vec![0.0, 0.0]);
}

/// The realistic generator is the model's (`plan::realistic_problem`), shared with the browser
/// benchmark.
fn realistic(rng: &mut ChaCha8Rng, n: usize, years: usize) -> Problem {
    caseboard::model::plan::realistic_problem(rng, n, years)
}

/// Times `select` on `count` feasible instances from `make` (infeasible ones are drawn again):
/// the median, the worst, how many stopped at the node limit (with their gaps), the most nodes.
fn measure(label: &str, count: usize, mut make: impl FnMut() -> Problem) {
    let mut times = Vec::new();
    let mut stopped = 0;
    let mut redrawn = 0;
    let mut most_nodes = 0;
    while times.len() < count {
        let p = make();
        let t = std::time::Instant::now();
        let s = select(&p);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let Ok(s) = s else {
            redrawn += 1;
            continue;
        };
        if ms > 200.0 {
            println!(
                "  slow: #{} {ms:.0} ms, {} nodes, value {:.1}",
                times.len(),
                s.nodes,
                s.value
            );
        }
        times.push(ms);
        most_nodes = most_nodes.max(s.nodes);
        if !s.optimal {
            stopped += 1;
            println!(
                "  stopped: value {:.0}, gap {:.0}, nodes {}",
                s.value, s.gap, s.nodes
            );
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{label}: median {:.1} ms, worst {:.1} ms over {count}; {stopped} stopped at the node \
         limit; most nodes {most_nodes} ({redrawn} infeasible drawn again)",
        times[count / 2],
        times[count - 1]
    );
}

#[test]
#[ignore = "a measurement: cargo test --profile bench --test portfolio -- --ignored --nocapture"]
fn time_100_candidates() {
    let mut rng = ChaCha8Rng::seed_from_u64(100);
    measure(
        "100 candidates, 3 budgets (the brute-force generator)",
        100,
        || instance(&mut rng, 100, 3),
    );
    let mut rng = ChaCha8Rng::seed_from_u64(101);
    measure("100 candidates, 3 years (realistic)", 100, || {
        realistic(&mut rng, 100, 3)
    });
    let mut rng = ChaCha8Rng::seed_from_u64(102);
    measure("100 candidates, 5 years (realistic)", 100, || {
        realistic(&mut rng, 100, 5)
    });
    // With "at least 20% of the budgets to strategic work" (a third of the candidates).
    let mut rng = ChaCha8Rng::seed_from_u64(103);
    measure("100 candidates, 3 years, a strategic minimum", 100, || {
        let mut p = realistic(&mut rng, 100, 3);
        let amount = p
            .candidates
            .iter()
            .map(|c| {
                if rng.random_bool(1.0 / 3.0) {
                    c.spend.iter().sum()
                } else {
                    0.0
                }
            })
            .collect();
        let budget: f64 = p.budgets.iter().flatten().sum();
        p.minimums.push(Minimum {
            amount,
            at_least: (0.2 * budget).round(),
        });
        p
    });
    // A frontier of 41 levels on 100 candidates, ranked by value per unit of spend.
    let mut rng = ChaCha8Rng::seed_from_u64(104);
    let p = loop {
        let p = realistic(&mut rng, 100, 3);
        if select(&p).is_ok() {
            break p;
        }
    };
    let per_spend = |c: &Candidate| c.value / c.spend.iter().sum::<f64>().max(1.0);
    let mut order: Vec<usize> = (0..p.candidates.len()).collect();
    order.sort_by(|&a, &b| per_spend(&p.candidates[b]).total_cmp(&per_spend(&p.candidates[a])));
    let t = std::time::Instant::now();
    let f = frontier(&p, 41, &order);
    println!(
        "frontier, 100 candidates, 41 levels (+1): {:.0} ms; {} not proven optimal",
        t.elapsed().as_secs_f64() * 1000.0,
        f.iter().filter(|x| !x.optimal).count()
    );
    // The same kind on another seed: its tail is heavier.
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    measure("100 candidates, 5 years (realistic, seed 7)", 100, || {
        realistic(&mut rng, 100, 5)
    });
}
