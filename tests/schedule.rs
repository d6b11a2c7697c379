//! The roadmap scheduler: small examples worked by hand; `decode` against a plain re-statement of
//! the serial scheme on random instances (with fixed starts, budgets, requirement chains, cycles
//! and missing requirements), and the limits every schedule keeps; `plan` never below the CD3
//! baseline, its local search stopping where no move improves, and with few jobs equal to the best
//! of every combination of start months; odd inputs answered without a panic.
#![cfg(not(target_arch = "wasm32"))]

use caseboard::model::schedule::{cd3_order, decode, plan, Job, Limits, Schedule, DECODE_LIMIT};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The scheduler's room for rounding: within when `used ≤ limit + 1e-9 · max(|limit|, 1)`.
fn within(used: f64, limit: f64) -> bool {
    used <= limit + 1e-9 * limit.abs().max(1.0)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A job with NPV `v0 − slope · s` for s in 0..h and `cost` spent against the one budget when it
/// starts in months 0..=2 (the first quarter's budget), nothing later.
fn linear(
    duration: usize,
    load: f64,
    requires: Vec<usize>,
    v0: f64,
    slope: f64,
    cost: f64,
    h: usize,
) -> Job {
    Job {
        duration,
        load,
        requires,
        fixed_start: None,
        npv_by_start: (0..h).map(|s| v0 - slope * s as f64).collect(),
        spend_by_start: (0..h)
            .map(|s| vec![if s <= 2 { cost } else { 0.0 }])
            .collect(),
        cost_of_delay: slope,
    }
}

/// Four jobs over six months, a team of 2 person-months a month, a first-quarter budget of 120.
///
/// | job | months | load | requires | NPV at start s | CD3          | spend if s ≤ 2 |
/// |-----|--------|------|----------|----------------|--------------|----------------|
/// | A 0 | 2      | 2    |          | 100 − 12 s     | 12 / 2 = 6   | 60             |
/// | B 1 | 2      | 1    |          | 80 − 10 s      | 10 / 2 = 5   | 40             |
/// | C 2 | 2      | 1    |          | 80 − 10 s      | 10 / 2 = 5   | 40             |
/// | D 3 | 1      | 1    | B        | 30 − 3 s       | 3 / 1 = 3    | 30             |
#[test]
fn four_jobs_by_hand() {
    let h = 6;
    let jobs = vec![
        linear(2, 2.0, vec![], 100.0, 12.0, 60.0, h),
        linear(2, 1.0, vec![], 80.0, 10.0, 40.0, h),
        linear(2, 1.0, vec![], 80.0, 10.0, 40.0, h),
        linear(1, 1.0, vec![1], 30.0, 3.0, 30.0, h),
    ];
    let limits = Limits {
        horizon_months: h,
        capacity: Some(2.0),
        budgets: vec![Some(120.0)],
    };
    // CD3 order: A (6), B (5), C (5, after B by index), D (3).
    assert_eq!(cd3_order(&jobs), vec![0, 1, 2, 3]);

    // Baseline, in CD3 order:
    // A: month 0, months 0–1 full (load 2 each); spend 60.
    // B: months 0 and 1 are full, so month 2 (months 2–3 at load 1); spend 60 + 40 = 100.
    // C: month 2 has room (1 + 1 = 2) but the spend would be 140 > 120; month 3: months 3 (1 + 1)
    //    and 4 (1) fit and a start in month 3 spends nothing.
    // D: B delivers at 2 + 2 = 4; month 4 holds C's 1, room for 1 more.
    // NPV: A 100 + B (80 − 20) + C (80 − 30) + D (30 − 12) = 100 + 60 + 50 + 18 = 228.
    let r = plan(&jobs, &limits);
    assert_eq!(r.baseline.starts, vec![Some(0), Some(2), Some(3), Some(4)]);
    assert!(close(r.baseline.npv, 228.0));
    assert_eq!(r.baseline.load, vec![2.0, 2.0, 1.0, 2.0, 2.0, 0.0]);
    assert_eq!(r.baseline.spend, vec![100.0]);

    // Best: B and C together at once (months 0–1, spend 80); D once B delivers, in month 2 (spend
    // 110); A then fits no earlier than month 3 (month 2 holds D's 1, and a start in month 2
    // would spend 110 + 60 > 120 anyway), which spends nothing.
    // NPV: B 80 + C 80 + D (30 − 6) + A (100 − 36) = 80 + 80 + 24 + 64 = 248.
    // Nothing does better: with A at 0, B and C cannot both start by month 2 (60 + 40 + 40 >
    // 120) nor before A delivers, so at most 100 + 60 + 50 + 18 = 228; A at 1 pushes B and C
    // to month 3 or later; A at 2 needs one of B, C at 4 or later (the budget again): at most
    // 76 + 80 + 40 + 24 = 220; A at 4 or later: at most 52 + 80 + 80 + 24 = 236.
    // Of every order (A first is at most 228, then B A … 214), the first reaching 248 is B C A D.
    assert!(r.exhaustive);
    assert_eq!(r.best.starts, vec![Some(3), Some(0), Some(0), Some(2)]);
    assert!(close(r.best.npv, 248.0));
    assert_eq!(r.best.load, vec![2.0, 2.0, 1.0, 2.0, 2.0, 0.0]);
    assert_eq!(r.best.spend, vec![110.0]);
    assert_eq!(r.order, vec![1, 2, 0, 3]);
    // Everyone now: 100 + 80 + 80 + 30.
    assert!(close(r.all_now_npv, 290.0));

    // D listed before B waits for B (the first job of the order whose requirements are decided
    // is B): B 0, D 2, C 0, A 3 — the best schedule again.
    assert_eq!(decode(&jobs, &limits, &[3, 1, 2, 0]), r.best);

    // Without the budget, A at 2 would be best: B and C at 0, A at 2 (100 − 24), D at 4 (B
    // delivers at 2, months 2–3 are full): 80 + 80 + 76 + 18 = 254, against D at 2 and A at 3:
    // 248.
    let open = Limits {
        budgets: vec![None],
        ..limits.clone()
    };
    let r = plan(&jobs, &open);
    assert_eq!(r.best.starts, vec![Some(2), Some(0), Some(0), Some(4)]);
    assert!(close(r.best.npv, 254.0));
}

/// A fixed start keeps its month over the capacity; nothing that needs the team fits beside it,
/// a job using none of it does, and a job that alone exceeds the capacity never starts.
#[test]
fn fixed_starts_and_loads_by_hand() {
    let h = 4;
    let flat = |duration, load, fixed_start| Job {
        duration,
        load,
        requires: vec![],
        fixed_start,
        npv_by_start: vec![10.0; h],
        spend_by_start: vec![],
        cost_of_delay: 1.0,
    };
    let jobs = vec![
        // Under way since month 1, over the team of 2.
        flat(2, 3.0, Some(1)),
        // Needs 1 a month for 2 months: month 0 fits but month 1 does not, nor 2; month 3 does.
        flat(2, 1.0, None),
        // Needs no one: month 0.
        flat(3, 0.0, None),
        // Needs 2.5 a month, more than the team.
        flat(1, 2.5, None),
        // Requires the one that never starts.
        Job {
            requires: vec![3],
            ..flat(1, 0.5, None)
        },
        // Requires a job that does not exist.
        Job {
            requires: vec![9],
            ..flat(1, 0.5, None)
        },
        // Requires itself.
        Job {
            requires: vec![6],
            ..flat(1, 0.5, None)
        },
    ];
    let limits = Limits {
        horizon_months: h,
        capacity: Some(2.0),
        budgets: vec![],
    };
    let s = decode(&jobs, &limits, &[0, 1, 2, 3, 4, 5, 6]);
    assert_eq!(
        s.starts,
        vec![Some(1), Some(3), Some(0), None, None, None, None]
    );
    assert_eq!(s.load, vec![0.0, 3.0, 3.0, 1.0]);
    assert!(close(s.npv, 30.0));
    let r = plan(&jobs, &limits);
    assert_eq!(r.best.starts, s.starts);
    assert_eq!(r.order.len(), jobs.len());
}

/// Inputs no scenario produces still give an answer: no jobs, a horizon far too long, durations
/// and fixed starts at the end of the numbers, numbers that are not numbers, a negative capacity.
#[test]
fn odd_inputs_give_an_answer() {
    let r = plan(&[], &Limits::default());
    assert_eq!(r.best, Schedule::default());
    assert!(r.order.is_empty());
    let job = |duration, load: f64, fixed_start, npv: f64| Job {
        duration,
        load,
        requires: vec![0, usize::MAX],
        fixed_start,
        npv_by_start: vec![npv; 3],
        spend_by_start: vec![vec![f64::NAN, -1.0, f64::INFINITY]; 2],
        cost_of_delay: f64::NAN,
    };
    let jobs = vec![
        job(usize::MAX, 1.0, Some(usize::MAX), 1.0),
        job(usize::MAX, f64::NAN, None, f64::NAN),
        Job {
            requires: vec![],
            ..job(usize::MAX, 0.5, None, 2.0)
        },
        Job {
            requires: vec![2],
            ..job(1, -1.0, None, 3.0)
        },
    ];
    for limits in [
        Limits {
            horizon_months: usize::MAX,
            capacity: Some(1.0),
            budgets: vec![Some(f64::NAN), None, Some(1.0), Some(-5.0)],
        },
        Limits {
            horizon_months: 5,
            capacity: Some(-1.0),
            budgets: vec![],
        },
        Limits {
            horizon_months: 0,
            capacity: Some(f64::NAN),
            budgets: vec![None],
        },
    ] {
        let r = plan(&jobs, &limits);
        assert_eq!(r.best.starts.len(), jobs.len());
        assert_eq!(r.best.starts[0], Some(usize::MAX));
        assert_eq!(r.best, decode(&jobs, &limits, &r.order));
        decode(&jobs, &limits, &[usize::MAX, 3, 3, 0]);
    }
    assert_eq!(cd3_order(&jobs).len(), jobs.len());
}

/// `decode` re-stated plainly: fixed starts first; then again and again the first undecided job
/// of the order whose requirements are decided goes to the first month from its requirements'
/// delivery where it fits.
fn reference(jobs: &[Job], limits: &Limits, order: &[usize]) -> Schedule {
    let n = jobs.len();
    let h = limits.horizon_months;
    let fits = |used: f64, x: f64, limit: f64| x <= 0.0 || within(used + x, limit);
    let mut s = Schedule {
        starts: vec![None; n],
        npv: 0.0,
        load: vec![0.0; h],
        spend: vec![0.0; limits.budgets.len()],
    };
    let mut decided = vec![false; n];
    let place = |s: &mut Schedule, j: usize, start: usize| {
        let job = &jobs[j];
        for m in start..(start + job.duration).min(h) {
            s.load[m] += job.load;
        }
        for k in 0..s.spend.len() {
            s.spend[k] += job
                .spend_by_start
                .get(start)
                .and_then(|row| row.get(k))
                .copied()
                .unwrap_or(0.0);
        }
        s.npv += job.npv_by_start.get(start).copied().unwrap_or(0.0);
        s.starts[j] = Some(start);
    };
    for j in 0..n {
        if let Some(start) = jobs[j].fixed_start {
            place(&mut s, j, start);
            decided[j] = true;
        }
    }
    let mut list: Vec<usize> = Vec::new();
    for &j in order.iter().chain(&(0..n).collect::<Vec<_>>()) {
        if j < n && !list.contains(&j) {
            list.push(j);
        }
    }
    while let Some(&j) = list
        .iter()
        .find(|&&j| !decided[j] && jobs[j].requires.iter().all(|&r| r < n && decided[r]))
    {
        decided[j] = true;
        let job = &jobs[j];
        let mut ready = 0;
        let mut possible = true;
        for &r in &job.requires {
            match s.starts[r] {
                Some(start) => ready = ready.max(start + jobs[r].duration),
                None => possible = false,
            }
        }
        if !possible {
            continue;
        }
        let alone = match limits.capacity {
            Some(cap) => job.duration == 0 || fits(0.0, job.load, cap),
            None => true,
        };
        if !alone {
            continue;
        }
        let start = (ready..h.min(job.npv_by_start.len())).find(|&start| {
            let team = match limits.capacity {
                Some(cap) => {
                    (start..(start + job.duration).min(h)).all(|m| fits(s.load[m], job.load, cap))
                }
                None => true,
            };
            let money = limits.budgets.iter().enumerate().all(|(k, b)| match b {
                Some(b) => {
                    let x = job
                        .spend_by_start
                        .get(start)
                        .and_then(|row| row.get(k))
                        .copied()
                        .unwrap_or(0.0);
                    fits(s.spend[k], x, *b)
                }
                None => true,
            });
            team && money
        });
        if let Some(start) = start {
            place(&mut s, j, start);
        }
    }
    s
}

/// A random instance with everything the scheduler handles: up to `max_jobs` jobs, some fixed
/// (some beyond the horizon), requirements mostly on earlier jobs but now and then on a later
/// one (cycles), on itself or on none that exists; loads sometimes over the capacity; NPV lists
/// and spend tables sometimes shorter than the horizon; NPVs falling with the start, with noise
/// and negative ones; budgets holding about half of what is spent early.
fn instance(rng: &mut ChaCha8Rng, max_jobs: usize) -> (Vec<Job>, Limits) {
    let n = rng.random_range(0..=max_jobs);
    let h = rng.random_range(0..=24);
    let budgets: usize = rng.random_range(0..=3);
    let capacity = rng.random_bool(0.8).then(|| rng.random_range(0.5..6.0_f64));
    let mut jobs = Vec::with_capacity(n);
    for i in 0..n {
        let duration = rng.random_range(0..=8);
        let load = if rng.random_bool(0.1) {
            0.0
        } else {
            rng.random_range(0.1..3.0)
        };
        let mut requires = Vec::new();
        for _ in 0..rng.random_range(0..=2) {
            let r = match rng.random_range(0..20) {
                0 => n + 3,
                1 => i,
                2 | 3 => rng.random_range(0..n),
                _ if i > 0 => rng.random_range(0..i),
                _ => continue,
            };
            requires.push(r);
        }
        let fixed_start = rng.random_bool(0.1).then(|| rng.random_range(0..h + 3));
        let len = if rng.random_bool(0.8) {
            h
        } else {
            rng.random_range(0..=h)
        };
        let mut v = rng.random_range(-20.0..100.0);
        let npv_by_start = (0..len)
            .map(|_| {
                let x = v;
                v -= rng.random_range(-1.0..5.0);
                x
            })
            .collect();
        let rows = if rng.random_bool(0.8) {
            h
        } else {
            rng.random_range(0..=h)
        };
        let spend_by_start = (0..rows)
            .map(|_| {
                (0..rng.random_range(budgets.saturating_sub(1)..=budgets))
                    .map(|_| {
                        if rng.random_bool(0.3) {
                            0.0
                        } else {
                            rng.random_range(0.0..40.0)
                        }
                    })
                    .collect()
            })
            .collect();
        jobs.push(Job {
            duration,
            load,
            requires,
            fixed_start,
            npv_by_start,
            spend_by_start,
            cost_of_delay: rng.random_range(0.0..10.0),
        });
    }
    let budgets = (0..budgets)
        .map(|_| {
            rng.random_bool(0.8)
                .then(|| rng.random_range(0.0..(20.0 * n as f64).max(1.0)))
        })
        .collect();
    (
        jobs,
        Limits {
            horizon_months: h,
            capacity,
            budgets,
        },
    )
}

/// Every rule a schedule of `jobs` keeps.
fn check_limits(jobs: &[Job], limits: &Limits, s: &Schedule) {
    let n = jobs.len();
    let h = limits.horizon_months;
    let fixed = |j: usize| jobs[j].fixed_start.is_some();
    assert_eq!(s.starts.len(), n);
    assert_eq!(s.load.len(), h);
    assert_eq!(s.spend.len(), limits.budgets.len());
    let mut npv = 0.0;
    let mut load = vec![0.0; h];
    // Months and budgets a job not fixed uses some of.
    let mut load_free = vec![false; h];
    let mut spend = vec![0.0; limits.budgets.len()];
    let mut spend_free = vec![false; limits.budgets.len()];
    for (j, job) in jobs.iter().enumerate() {
        if let Some(f) = job.fixed_start {
            assert_eq!(s.starts[j], Some(f), "fixed start of job {j}");
        }
        let Some(start) = s.starts[j] else {
            continue;
        };
        npv += job.npv_by_start.get(start).copied().unwrap_or(0.0);
        for m in start..(start + job.duration).min(h) {
            load[m] += job.load;
            load_free[m] |= !fixed(j) && job.load > 0.0;
        }
        for (k, x) in spend.iter_mut().enumerate() {
            let y = job
                .spend_by_start
                .get(start)
                .and_then(|row| row.get(k))
                .copied()
                .unwrap_or(0.0);
            *x += y;
            spend_free[k] |= !fixed(j) && y > 0.0;
        }
        if fixed(j) {
            continue;
        }
        assert!(start < h && start < job.npv_by_start.len(), "job {j}");
        if let Some(cap) = limits.capacity {
            assert!(job.duration == 0 || within(job.load, cap), "job {j}");
        }
        for &r in &job.requires {
            assert!(r < n, "job {j} requires a missing job");
            let rs = s.starts[r].expect("a requirement of a scheduled job is scheduled");
            assert!(
                start >= rs + jobs[r].duration,
                "job {j} starts before {r} delivers"
            );
        }
    }
    // A job whose requirement is missing or not scheduled is not scheduled.
    for (j, job) in jobs.iter().enumerate() {
        if !fixed(j)
            && job
                .requires
                .iter()
                .any(|&r| r >= n || s.starts[r].is_none())
        {
            assert_eq!(s.starts[j], None, "job {j}");
        }
    }
    assert!(close(s.npv, npv), "npv {} against {npv}", s.npv);
    for m in 0..h {
        assert!(close(s.load[m], load[m]), "load in month {m}");
        // Fixed starts alone may go over; once a job not fixed is in a month, it is within.
        if let (Some(cap), true) = (limits.capacity, load_free[m]) {
            assert!(within(load[m], cap), "month {m}: {} > {cap}", load[m]);
        }
    }
    for (k, b) in limits.budgets.iter().enumerate() {
        assert!(close(s.spend[k], spend[k]), "spend of budget {k}");
        if let (Some(b), true) = (b, spend_free[k]) {
            assert!(within(spend[k], *b), "budget {k}: {} > {b}", spend[k]);
        }
    }
}

#[test]
fn decode_is_the_serial_scheme() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for case in 0..400 {
        let (jobs, limits) = instance(&mut rng, 30);
        let n = jobs.len();
        // A random order, sometimes with repeats, entries out of range, or jobs left out.
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            order.swap(i, rng.random_range(0..=i));
        }
        if rng.random_bool(0.2) {
            order.truncate(rng.random_range(0..=n));
            order.push(n + 1);
            if n > 0 {
                order.push(rng.random_range(0..n));
            }
        }
        let s = decode(&jobs, &limits, &order);
        let want = reference(&jobs, &limits, &order);
        assert_eq!(s.starts, want.starts, "case {case}");
        assert!(close(s.npv, want.npv), "case {case}");
        check_limits(&jobs, &limits, &s);
    }
}

#[test]
fn plan_keeps_every_limit_and_beats_the_baseline() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for case in 0..300 {
        let (jobs, limits) = instance(&mut rng, 30);
        let r = plan(&jobs, &limits);
        check_limits(&jobs, &limits, &r.baseline);
        check_limits(&jobs, &limits, &r.best);
        assert_eq!(
            r.baseline,
            decode(&jobs, &limits, &cd3_order(&jobs)),
            "case {case}"
        );
        assert_eq!(r.best, decode(&jobs, &limits, &r.order), "case {case}");
        assert!(r.best.npv >= r.baseline.npv, "case {case}");
        let mut sorted = r.order.clone();
        sorted.sort();
        assert_eq!(sorted, (0..jobs.len()).collect::<Vec<_>>(), "case {case}");
        let now: f64 = jobs
            .iter()
            .map(|j| j.npv_by_start.first().copied().unwrap_or(0.0))
            .sum();
        assert!(close(r.all_now_npv, now));
    }
}

/// Whether `order` lists each requirement of a job not fixed before the job.
fn consistent(jobs: &[Job], order: &[usize]) -> bool {
    let mut pos = vec![usize::MAX; jobs.len()];
    for (p, &j) in order.iter().enumerate() {
        pos[j] = p;
    }
    order.iter().enumerate().all(|(p, &j)| {
        jobs[j].fixed_start.is_some()
            || jobs[j]
                .requires
                .iter()
                .all(|&r| jobs[r].fixed_start.is_some() || pos[r] < p)
    })
}

/// Where the local search stops before its decode limit, no move of its order (one job taken out
/// and put elsewhere, or two swapped) that keeps every requirement first gives a larger NPV.
#[test]
fn local_search_stops_at_a_local_best() {
    let mut rng = ChaCha8Rng::seed_from_u64(13);
    let mut checked = 0;
    while checked < 60 {
        let (mut jobs, limits) = instance(&mut rng, 20);
        for (j, job) in jobs.iter_mut().enumerate() {
            job.requires.retain(|&r| r < j);
        }
        if jobs.len() < 8 {
            continue;
        }
        let r = plan(&jobs, &limits);
        // No job here is left out of the ordering (requirements only on earlier jobs).
        let to_order = jobs.iter().filter(|j| j.fixed_start.is_none()).count();
        assert_eq!(r.exhaustive, to_order <= 7);
        if r.exhaustive || r.decodes >= DECODE_LIMIT {
            continue;
        }
        checked += 1;
        let most = r.best.npv + 1e-9 * r.best.npv.abs().max(1.0);
        let n = r.order.len();
        let mut tries = Vec::new();
        for i in 0..n {
            for j in 0..n {
                if i != j {
                    let mut o = r.order.clone();
                    let x = o.remove(i);
                    o.insert(j, x);
                    tries.push(o);
                }
                if i < j {
                    let mut o = r.order.clone();
                    o.swap(i, j);
                    tries.push(o);
                }
            }
        }
        for o in tries.iter().filter(|o| consistent(&jobs, o)) {
            let npv = decode(&jobs, &limits, o).npv;
            assert!(npv <= most, "{o:?}: {npv} > {}", r.best.npv);
        }
    }
}

/// Jobs whose every combination of starts can be tried: only a capacity, NPVs that never grow
/// with a later start, requirements on earlier jobs only.
///
/// The serial scheme reaches every active schedule, and with such NPVs one of them is best; but
/// an order can also leave a job out (no month left for it) and let the others start earlier,
/// which the brute force below does not consider. So every NPV here is at least 1,000 while the
/// most one job gains by starting earlier is under 100 (5 jobs): leaving one out never pays. And
/// the durations add up to less than the horizon, so doing the jobs one after the other in index
/// order fits: some schedule places them all.
fn small_instance(rng: &mut ChaCha8Rng) -> (Vec<Job>, Limits) {
    let h = 8;
    let n = rng.random_range(1..=5);
    let capacity = rng.random_range(1.0..3.0);
    let durations: Vec<usize> = loop {
        let d: Vec<usize> = (0..n).map(|_| rng.random_range(0..=3)).collect();
        if d.iter().sum::<usize>() < h {
            break d;
        }
    };
    let jobs = durations
        .iter()
        .enumerate()
        .map(|(i, &duration)| {
            let mut v = 1_000.0 + rng.random_range(0.0..50.0);
            let npv_by_start = (0..h)
                .map(|_| {
                    let x = v;
                    if rng.random_bool(0.7) {
                        v -= rng.random_range(0.0..10.0);
                    }
                    x
                })
                .collect();
            let requires = if i > 0 && rng.random_bool(0.3) {
                vec![rng.random_range(0..i)]
            } else {
                vec![]
            };
            Job {
                duration,
                load: rng.random_range(0.1..=capacity),
                requires,
                fixed_start: None,
                npv_by_start,
                spend_by_start: vec![],
                cost_of_delay: rng.random_range(0.0..10.0),
            }
        })
        .collect();
    (
        jobs,
        Limits {
            horizon_months: h,
            capacity: Some(capacity),
            budgets: vec![],
        },
    )
}

/// The largest NPV of any starts (every job in 0..h) that keep the requirements and, in every
/// month of the horizon, the capacity.
fn brute_force(jobs: &[Job], limits: &Limits) -> f64 {
    let n = jobs.len();
    let h = limits.horizon_months;
    let cap = limits.capacity.unwrap_or(f64::INFINITY);
    let mut best = f64::NEG_INFINITY;
    let mut starts = vec![0usize; n];
    loop {
        let keeps_order = jobs.iter().enumerate().all(|(j, job)| {
            job.requires
                .iter()
                .all(|&r| starts[j] >= starts[r] + jobs[r].duration)
        });
        let keeps_team = keeps_order
            && (0..h).all(|m| {
                let used: f64 = jobs
                    .iter()
                    .zip(&starts)
                    .filter(|(job, &s)| s <= m && m < s + job.duration)
                    .map(|(job, _)| job.load)
                    .sum();
                within(used, cap)
            });
        if keeps_team {
            let v: f64 = jobs
                .iter()
                .zip(&starts)
                .map(|(job, &s)| job.npv_by_start[s])
                .sum();
            best = best.max(v);
        }
        // The next combination, like an odometer.
        let Some(k) = (0..n).find(|&k| starts[k] + 1 < h) else {
            break;
        };
        starts[k] += 1;
        for s in starts.iter_mut().take(k) {
            *s = 0;
        }
    }
    best
}

#[test]
fn every_order_finds_the_best_starts() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let mut beaten = 0;
    for case in 0..300 {
        let (jobs, limits) = small_instance(&mut rng);
        let r = plan(&jobs, &limits);
        assert!(r.exhaustive);
        check_limits(&jobs, &limits, &r.best);
        let want = brute_force(&jobs, &limits);
        assert!(
            close(r.best.npv, want),
            "case {case}: {} against {want}",
            r.best.npv
        );
        if r.best.npv > r.baseline.npv + 1e-9 {
            beaten += 1;
        }
    }
    // The CD3 order is not always best: the test would say little if it were.
    assert!(beaten > 10, "CD3 beaten only {beaten} times");
}

/// A roadmap-sized instance: `n` initiatives over `h` months, 1–12 months of delivery and 2–30
/// person-months of effort each (about 16 on average), a team of `capacity` person-months a
/// month, a budget per year holding `share` of an even share of the costs, every cost spent in
/// the year the job starts; NPV at start s: the cost at s and the monthly benefit from delivery to
/// the horizon, discounted at 8% a year; a third require an earlier job; a few are under way.
fn roadmap_instance(
    rng: &mut ChaCha8Rng,
    n: usize,
    h: usize,
    capacity: f64,
    share: f64,
) -> (Vec<Job>, Limits) {
    let years = h.div_ceil(12);
    let rate = 1.08_f64.powf(1.0 / 12.0);
    let mut total_cost = 0.0;
    let mut jobs = Vec::with_capacity(n);
    for i in 0..n {
        let duration = rng.random_range(1..=12);
        let effort = rng.random_range(2.0..30.0);
        let cost = effort * 10.0;
        total_cost += cost;
        let benefit = cost * rng.random_range(0.01..0.05);
        let npv = |s: usize| {
            -cost / rate.powi(s as i32)
                + (s + duration..h)
                    .map(|m| benefit / rate.powi(m as i32))
                    .sum::<f64>()
        };
        let npv_by_start: Vec<f64> = (0..h).map(npv).collect();
        let spend_by_start = (0..h)
            .map(|s| {
                let mut row = vec![0.0; years];
                row[s / 12] = cost;
                row
            })
            .collect();
        let requires = if i > 0 && rng.random_bool(0.33) {
            vec![rng.random_range(0..i)]
        } else {
            vec![]
        };
        let fixed_start = rng.random_bool(0.05).then(|| rng.random_range(0..3));
        jobs.push(Job {
            duration,
            load: effort / duration as f64,
            requires,
            fixed_start,
            cost_of_delay: npv_by_start[0] - npv_by_start[1],
            npv_by_start,
            spend_by_start,
        });
    }
    let budget = total_cost / years as f64 * share;
    (
        jobs,
        Limits {
            horizon_months: h,
            capacity: Some(capacity),
            budgets: vec![Some(budget); years],
        },
    )
}

#[test]
fn roadmap_sized_instances_keep_every_limit() {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    for _ in 0..2 {
        let (jobs, limits) = roadmap_instance(&mut rng, 40, 60, 10.0, 0.9);
        let r = plan(&jobs, &limits);
        check_limits(&jobs, &limits, &r.best);
        assert!(r.best.npv >= r.baseline.npv);
        assert_eq!(r.best, decode(&jobs, &limits, &r.order));
    }
}

/// 100 jobs over 120 months, ten of each: a team of 20 (1,600 person-months of work in 2,400
/// of capacity) and budgets that hold every cost spread evenly; then a team of 12 and budgets of
/// 80% of that, where a third of the jobs cannot start within the horizon.
#[test]
#[ignore = "a measurement: cargo test --profile bench --test schedule -- --ignored --nocapture"]
fn time_100_jobs_120_months() {
    let mut rng = ChaCha8Rng::seed_from_u64(120);
    for (capacity, share) in [(20.0, 1.0), (12.0, 0.8)] {
        let mut times = Vec::new();
        let (mut cd3, mut best) = (0.0, 0.0);
        for _ in 0..10 {
            let (jobs, limits) = roadmap_instance(&mut rng, 100, 120, capacity, share);
            let t = std::time::Instant::now();
            let r = plan(&jobs, &limits);
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            times.push(ms);
            cd3 += r.baseline.npv;
            best += r.best.npv;
            let unscheduled = r.best.starts.iter().filter(|s| s.is_none()).count();
            println!(
                "{ms:.1} ms, {} decodes ({:.2} µs each): NPV all now {:.0}, CD3 {:.0}, best {:.0}; {unscheduled} unscheduled",
                r.decodes,
                ms * 1000.0 / r.decodes as f64,
                r.all_now_npv,
                r.baseline.npv,
                r.best.npv
            );
        }
        times.sort_by(f64::total_cmp);
        println!(
            "100 jobs, 120 months, team {capacity}, budgets {share}: median {:.1} ms, worst {:.1} ms over 10; NPV in all: CD3 {cd3:.0}, best {best:.0}",
            times[5], times[9]
        );
    }
}
