//! The roadmap: in which month each funded initiative starts, within the team's capacity and the
//! budgets, so that the portfolio's NPV is as large as the search finds. Plain numbers in and out:
//! the caller builds one [`Job`] per funded initiative from the scenario (its NPV for each month
//! it could start, what it would spend against each budget, its team load) and reads the starts.
//!
//! **Decoding an order.** A priority order of the jobs becomes a schedule by the serial
//! schedule-generation scheme ([`decode`]). Jobs with a fixed start (work already under way) are
//! placed first, at their month, whatever the limits; their load and spend always count. Then,
//! again and again, the first job of the order whose requirements are all decided is placed at
//! the earliest month that is
//! - no earlier than the delivery (start + duration) of each job it requires,
//! - within the horizon and within its `npv_by_start` (a start it has no NPV for is not allowed),
//! - within the capacity in every month of its delivery that lies within the horizon (months past
//!   the horizon are not checked), and
//! - within every budget's remaining room for what it spends when starting that month;
//!
//! or is left unscheduled (`None`) if no month is. A job that requires an unscheduled job, a job
//! that does not exist, or (through a chain) itself, is unscheduled too, and so is a job with
//! months to deliver whose load alone exceeds the capacity. "Within" allows a relative 1e-9 for
//! rounding, and using none of a limit (a load or spend ≤ 0) always fits, even where fixed starts
//! overran it.
//!
//! **Which order.** [`plan`] decodes the cost-of-delay order first (CD3: cost of delay divided by
//! duration, highest first, [`cd3_order`]) as the baseline, then looks for the order whose
//! schedule has the largest NPV. With at most [`EXHAUSTIVE_JOBS`] jobs to order it decodes every
//! order. With more, it starts from the better of the CD3 order and a greedy order (at each step
//! the job losing the most NPV per month of its duration if it started one month later than it
//! now could), and improves it by local search: take the job at one position and insert it at
//! another, or swap two jobs, keep the first move that raises the NPV, and go on until a whole
//! pass over the moves raises nothing, or [`DECODE_LIMIT`] schedules have been decoded. Only
//! orders that list every requirement before what requires it are tried: any other order decodes
//! to the same schedule as one of those. A move is decoded from the first position it changes,
//! from the state saved there, and stops early when the jobs it reordered start where they did.
//!
//! The serial scheme can reach every "active" schedule (no job can start earlier without moving
//! another), and with NPVs that do not grow with a later start and only the capacity as a limit,
//! one of them is the best of the schedules that place every job. So with few jobs (every order
//! tried) and such inputs, the best found is optimal — tests/schedule.rs checks it against every
//! combination of starts, on instances where every job fits and leaving one out never pays (an
//! order can leave a job out and let the others start earlier). Budgets spent by start month,
//! and NPVs that grow with a later start, may have better schedules than any order reaches.
//!
//! Memory and work grow with the number of jobs and with `horizon_months` (the load is kept for
//! every month of the horizon, and the search keeps it before each position of the order).

/// One job to schedule: a funded initiative, as the scheduler sees it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Job {
    /// Months of delivery (0 = nothing to deliver).
    pub duration: usize,
    /// Team load in person-months per month during delivery (effort / duration).
    pub load: f64,
    /// Jobs that must deliver (start + duration) before this one starts (indices into the jobs).
    pub requires: Vec<usize>,
    /// A start the user fixed (work already under way): it starts exactly then, placed before
    /// every other job, whatever the limits and its requirements.
    pub fixed_start: Option<usize>,
    /// Its NPV if it starts in month s, for s in 0..horizon_months. A shorter list does not allow
    /// the starts past its end (a fixed start there counts 0).
    pub npv_by_start: Vec<f64>,
    /// What it spends against each budget if it starts in month s: `spend_by_start[s][k]`
    /// (missing entries spend 0).
    pub spend_by_start: Vec<Vec<f64>>,
    /// NPV lost per month of delay (≥ 0), for CD3 = cost_of_delay / max(duration, 1).
    pub cost_of_delay: f64,
}

/// What every schedule must keep to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Limits {
    /// Months a job may start in: 0..horizon_months (at most [`MAX_HORIZON_MONTHS`]).
    pub horizon_months: usize,
    /// The team's capacity in person-months per month; `None`: no limit.
    pub capacity: Option<f64>,
    /// The budgets, each the most the jobs may spend against it; `None`: no limit.
    pub budgets: Vec<Option<f64>>,
}

/// A schedule: each job's start and what the schedule uses.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schedule {
    /// Each job's start month; `None`: it cannot start within the horizon (see the module's
    /// description).
    pub starts: Vec<Option<usize>>,
    /// The sum of `npv_by_start[start]` over the scheduled jobs.
    pub npv: f64,
    /// Team load in person-months, per month 0..horizon_months.
    pub load: Vec<f64>,
    /// Spend against each budget.
    pub spend: Vec<f64>,
}

/// The scheduler's answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Roadmap {
    /// The schedule of the CD3 order ([`cd3_order`]).
    pub baseline: Schedule,
    /// The schedule of largest NPV found (never less than the baseline's).
    pub best: Schedule,
    /// The priority order that decodes to `best` (every job once): [`decode`]`(jobs, limits,
    /// &order) == best`.
    pub order: Vec<usize>,
    /// Σ `npv_by_start[0]`: every job starting now, capacity and budgets ignored — what the limits
    /// cost is `all_now_npv − best.npv`.
    pub all_now_npv: f64,
    /// `best` is the best schedule of every order.
    pub exhaustive: bool,
    /// Schedules decoded (one decoded from a changed position on counts as one; building the
    /// greedy order does not count).
    pub decodes: u64,
}

/// With at most this many jobs to order (not counting fixed starts and jobs that can never be
/// scheduled), [`plan`] tries every order: 7! = 5,040 decodes at most.
pub const EXHAUSTIVE_JOBS: usize = 7;

/// The most schedules [`plan`]'s local search decodes. Each move is decoded from its first
/// changed position (about half a full decode on average). On 100 jobs over 120 months
/// (`time_100_jobs_120_months` in tests/schedule.rs) a plan takes about 150 ms of processor time
/// natively (4–5 µs a decode), most instances stopping at this limit; the browser is slower. The
/// NPV found there was about 1% lower with 20,000 decodes, 0.4% higher with 40,000 and 0.6%
/// higher with 60,000.
pub const DECODE_LIMIT: u64 = 30_000;

/// The longest horizon counted, 100 years (a guard: the scenario's is at most ten); months after
/// it are past the horizon.
pub const MAX_HORIZON_MONTHS: usize = 1_200;

/// The relative room allowed for rounding when checking a limit.
const TOL: f64 = 1e-9;

/// Whether adding `x` to `used` stays within `limit`. Using none of it (x ≤ 0) always fits.
fn fits(used: f64, x: f64, limit: f64) -> bool {
    x <= 0.0 || used + x <= limit + TOL * limit.abs().max(1.0)
}

/// Whether `x` uses some of a limit: not ≤ 0 (a NaN does, and never fits).
fn uses(x: f64) -> bool {
    x > 0.0 || x.is_nan()
}

/// Whether adding `x` (that [`uses`] the limit) to `used` stays within `most`, the limit plus its
/// room for rounding.
fn fits_most(used: f64, x: f64, most: f64) -> bool {
    used + x <= most
}

/// Whether `a` beats `b` by more than rounding.
fn better(a: f64, b: f64) -> bool {
    a > b + TOL * b.abs().max(1.0)
}

/// Jobs in order of CD3 (cost of delay divided by duration, at least 1), highest first; ties (and
/// a CD3 that is not a number, counted lowest) in index order.
pub fn cd3_order(jobs: &[Job]) -> Vec<usize> {
    let key: Vec<f64> = jobs
        .iter()
        .map(|j| {
            let v = j.cost_of_delay / j.duration.max(1) as f64;
            // + 0.0 makes −0 equal to 0 under total_cmp.
            if v.is_nan() {
                f64::NEG_INFINITY
            } else {
                v + 0.0
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    // A stable sort: equal keys keep index order.
    order.sort_by(|&a, &b| key[b].total_cmp(&key[a]));
    order
}

/// A schedule being built.
#[derive(Debug, Clone)]
struct State {
    starts: Vec<Option<usize>>,
    load: Vec<f64>,
    spend: Vec<f64>,
    npv: f64,
}

impl State {
    fn into_schedule(self) -> Schedule {
        Schedule {
            starts: self.starts,
            npv: self.npv,
            load: self.load,
            spend: self.spend,
        }
    }
}

/// Jobs and limits, with what every decode shares: the fixed starts placed, and which jobs are
/// left to order.
struct Decoder<'a> {
    jobs: &'a [Job],
    h: usize,
    capacity: Option<f64>,
    budgets: &'a [Option<f64>],
    fixed: Vec<bool>,
    /// The jobs to order: not fixed, and every requirement (through any chain) exists, is not
    /// on a cycle, and is fixed or one of these. The others are never scheduled. Index order.
    free: Vec<usize>,
    is_free: Vec<bool>,
    /// For each job and start month s, the first later month whose budget checks differ from s's
    /// (or the end of `spend_by_start`): a start the budgets refuse refuses every start up to it.
    same_spend_until: Vec<Vec<usize>>,
    /// What must fit the budgets for each start: `checks[at[j][s]..at[j][s + 1]]` are the
    /// (budget, spend) pairs of job j starting in month s whose spend is not ≤ 0, against a
    /// budget that is set.
    checks: Vec<(usize, f64)>,
    at: Vec<Vec<usize>>,
    /// Each budget plus its room for rounding (`None`: not set).
    budget_most: Vec<Option<f64>>,
    /// The fixed starts placed: where every decode starts from.
    base: State,
}

impl<'a> Decoder<'a> {
    fn new(jobs: &'a [Job], limits: &'a Limits) -> Self {
        let n = jobs.len();
        let h = limits.horizon_months.min(MAX_HORIZON_MONTHS);
        let fixed: Vec<bool> = jobs.iter().map(|j| j.fixed_start.is_some()).collect();
        // Kahn's order over the jobs not fixed (a fixed requirement is decided from the start):
        // a job never reached is on a cycle or requires one; a job requiring a missing job, or
        // one that is not free, is not free.
        let mut missing = vec![false; n];
        let mut waiting = vec![0usize; n];
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (j, job) in jobs.iter().enumerate() {
            if fixed[j] {
                continue;
            }
            for &r in &job.requires {
                match fixed.get(r) {
                    None => missing[j] = true,
                    Some(true) => {}
                    Some(false) => {
                        waiting[j] += 1;
                        dependents[r].push(j);
                    }
                }
            }
        }
        let mut queue: Vec<usize> = (0..n).filter(|&j| !fixed[j] && waiting[j] == 0).collect();
        let mut is_free = vec![false; n];
        let mut head = 0;
        while let Some(&j) = queue.get(head) {
            head += 1;
            is_free[j] = !missing[j];
            for &d in &dependents[j] {
                if missing[j] {
                    missing[d] = true;
                }
                waiting[d] -= 1;
                if waiting[d] == 0 {
                    queue.push(d);
                }
            }
        }
        let free = (0..n).filter(|&j| is_free[j]).collect();
        let budget_most: Vec<Option<f64>> = limits
            .budgets
            .iter()
            .map(|b| b.map(|b| b + TOL * b.abs().max(1.0)))
            .collect();
        let mut checks = Vec::new();
        let at: Vec<Vec<usize>> = jobs
            .iter()
            .map(|job| {
                let mut at = vec![checks.len()];
                for row in &job.spend_by_start {
                    for (k, (&x, b)) in row.iter().zip(&budget_most).enumerate() {
                        if b.is_some() && uses(x) {
                            checks.push((k, x));
                        }
                    }
                    at.push(checks.len());
                }
                at
            })
            .collect();
        let same_spend_until = at
            .iter()
            .map(|at: &Vec<usize>| {
                // Start s's checks: checks[at[s]..at[s + 1]]; rows = at.len() − 1.
                let rows = at.len().saturating_sub(1);
                let of = |s: usize| match (at.get(s), at.get(s + 1)) {
                    (Some(&a), Some(&b)) => checks.get(a..b),
                    _ => None,
                };
                let mut until = vec![rows; rows];
                for s in (0..rows.saturating_sub(1)).rev() {
                    until[s] = if of(s) == of(s + 1) {
                        until[s + 1]
                    } else {
                        s + 1
                    };
                }
                until
            })
            .collect();
        let mut d = Decoder {
            jobs,
            h,
            capacity: limits.capacity,
            budgets: &limits.budgets,
            fixed,
            free,
            is_free,
            same_spend_until,
            checks,
            at,
            budget_most,
            base: State {
                starts: vec![None; n],
                load: vec![0.0; h],
                spend: vec![0.0; limits.budgets.len()],
                npv: 0.0,
            },
        };
        let mut base = d.base.clone();
        for (j, job) in jobs.iter().enumerate() {
            if let Some(s) = job.fixed_start {
                d.put(&mut base, j, s);
            }
        }
        d.base = base;
        d
    }

    /// Places job `j` at month `s`.
    fn put(&self, st: &mut State, j: usize, s: usize) {
        let job = &self.jobs[j];
        for l in st.load.iter_mut().skip(s).take(job.duration) {
            *l += job.load;
        }
        if let Some(row) = job.spend_by_start.get(s) {
            for (used, x) in st.spend.iter_mut().zip(row) {
                *used += x;
            }
        }
        st.npv += job.npv_by_start.get(s).copied().unwrap_or(0.0);
        st.starts[j] = Some(s);
    }

    /// Whether what job `j` spends starting in month `s` fits every budget.
    fn spend_fits(&self, st: &State, j: usize, s: usize) -> bool {
        let at = &self.at[j];
        let (Some(&from), Some(&to)) = (at.get(s), at.get(s + 1)) else {
            return true;
        };
        self.checks
            .get(from..to)
            .unwrap_or(&[])
            .iter()
            .all(|&(k, x)| match (st.spend.get(k), self.budget_most.get(k)) {
                (Some(used), Some(Some(most))) => fits_most(*used, x, *most),
                _ => true,
            })
    }

    /// The earliest month job `j` fits given what is placed in `st`, if any.
    fn earliest(&self, st: &State, j: usize) -> Option<usize> {
        let job = &self.jobs[j];
        let mut ready = 0usize;
        for &r in &job.requires {
            let start = st.starts.get(r).copied().flatten()?;
            ready = ready.max(start.saturating_add(self.jobs.get(r)?.duration));
        }
        let last = self.h.min(job.npv_by_start.len());
        let d = job.duration;
        // The most a month may hold before this job's load: a job using none of the team, or with
        // no capacity set, is not checked.
        let team = match self.capacity {
            Some(cap) if d > 0 && uses(job.load) => {
                if !fits(0.0, job.load, cap) {
                    return None;
                }
                Some(cap + TOL * cap.abs().max(1.0))
            }
            _ => None,
        };
        let mut s = ready;
        // Months [ok_from, ok_to) are known to have room for the load.
        let (mut ok_from, mut ok_to) = (s, s);
        while s < last {
            if let Some(most) = team {
                let end = s.saturating_add(d).min(self.h);
                // Of the months s..end, those not yet known to have room, from the last: a full
                // month m rules out every start up to m, and the months after it have room.
                let known_to = if ok_from <= s { ok_to.clamp(s, end) } else { s };
                let full = (known_to..end).rev().find(|&m| {
                    st.load
                        .get(m)
                        .is_some_and(|used| !fits_most(*used, job.load, most))
                });
                if let Some(m) = full {
                    s = m + 1;
                    (ok_from, ok_to) = (s, end);
                    continue;
                }
                (ok_from, ok_to) = (s, end);
            }
            if self.spend_fits(st, j, s) {
                return Some(s);
            }
            // The same spend is refused at every start up to the next change.
            s = self.same_spend_until[j]
                .get(s)
                .copied()
                .unwrap_or(s)
                .max(s + 1);
        }
        None
    }

    /// Decides job `j` in `st`: placed at its earliest month, or unscheduled.
    fn decide(&self, st: &mut State, j: usize) {
        match self.earliest(st, j) {
            Some(s) => self.put(st, j, s),
            None => st.starts[j] = None,
        }
    }

    /// The free jobs in the order the serial scheme decides them for priority order `order`:
    /// again and again the first whose requirements are decided. Entries that are out of range
    /// or repeated are skipped; free jobs the order leaves out come after it in index order.
    fn sequence(&self, order: &[usize]) -> Vec<usize> {
        let n = self.jobs.len();
        let mut listed = vec![false; n];
        let mut pending = Vec::with_capacity(self.free.len());
        for &j in order.iter().chain(&self.free) {
            if self.is_free.get(j) == Some(&true) && !listed[j] {
                listed[j] = true;
                pending.push(j);
            }
        }
        let mut taken = vec![false; n];
        let mut seq = Vec::with_capacity(pending.len());
        while let Some(p) = pending.iter().position(|&j| {
            self.jobs[j]
                .requires
                .iter()
                .all(|&r| self.fixed.get(r) == Some(&true) || taken.get(r) == Some(&true))
        }) {
            let j = pending.remove(p);
            taken[j] = true;
            seq.push(j);
        }
        seq
    }

    /// Whether `seq` lists every requirement (not fixed) before what requires it.
    fn consistent(&self, seq: &[usize]) -> bool {
        let mut taken = vec![false; self.jobs.len()];
        for &j in seq {
            if !self.jobs[j]
                .requires
                .iter()
                .all(|&r| self.fixed.get(r) == Some(&true) || taken.get(r) == Some(&true))
            {
                return false;
            }
            taken[j] = true;
        }
        true
    }

    /// The schedule of a sequence from [`Decoder::sequence`].
    fn run(&self, seq: &[usize]) -> State {
        let mut st = self.base.clone();
        for &j in seq {
            self.decide(&mut st, j);
        }
        st
    }

    /// A full priority order: `seq`, then the other jobs (fixed, never scheduled) in index order.
    fn full_order(&self, seq: &[usize]) -> Vec<usize> {
        let mut order = seq.to_vec();
        order.extend((0..self.jobs.len()).filter(|&j| !self.is_free[j]));
        order
    }

    /// The greedy order: at each step, of the jobs whose requirements are decided, the one that
    /// loses the most NPV per month of its duration if it starts one month later than the
    /// earliest it now could (all of its NPV if that is its last start); ties in `cd3` order.
    /// Jobs that cannot be placed come last.
    fn greedy(&self, cd3: &[usize]) -> Vec<usize> {
        let n = self.jobs.len();
        let mut rest = self.sequence(cd3);
        let mut st = self.base.clone();
        let mut taken = vec![false; n];
        let mut seq = Vec::with_capacity(rest.len());
        while !rest.is_empty() {
            let mut pick: Option<(usize, f64)> = None;
            for (p, &j) in rest.iter().enumerate() {
                let job = &self.jobs[j];
                if !job
                    .requires
                    .iter()
                    .all(|&r| self.fixed.get(r) == Some(&true) || taken.get(r) == Some(&true))
                {
                    continue;
                }
                let score = match self.earliest(&st, j) {
                    Some(s) => {
                        let now = job.npv_by_start.get(s).copied().unwrap_or(0.0);
                        let later = job.npv_by_start.get(s + 1).copied().unwrap_or(0.0);
                        let loss = (now - later) / job.duration.max(1) as f64;
                        if loss.is_nan() {
                            f64::NEG_INFINITY
                        } else {
                            loss
                        }
                    }
                    None => f64::NEG_INFINITY,
                };
                if pick.is_none_or(|(_, best)| score > best) {
                    pick = Some((p, score));
                }
            }
            // `rest` is consistent, so its first job is always eligible.
            let Some((p, _)) = pick else { break };
            let j = rest.remove(p);
            self.decide(&mut st, j);
            taken[j] = true;
            seq.push(j);
        }
        seq
    }
}

/// The schedule of priority order `order` (see the module's description). Entries out of range
/// or repeated are skipped; jobs the order leaves out come after it, in index order.
pub fn decode(jobs: &[Job], limits: &Limits, order: &[usize]) -> Schedule {
    let d = Decoder::new(jobs, limits);
    d.run(&d.sequence(order)).into_schedule()
}

/// Every order of the free jobs, keeping the first of largest NPV from `incumbent` on.
fn every_order(d: &Decoder, incumbent: (Vec<usize>, f64), decodes: &mut u64) -> Vec<usize> {
    let (mut best, mut best_npv) = incumbent;
    let mut perm = d.free.clone();
    loop {
        if d.consistent(&perm) {
            *decodes += 1;
            let npv = d.run(&perm).npv;
            if npv > best_npv {
                best_npv = npv;
                best.clone_from(&perm);
            }
        }
        if !next_permutation(&mut perm) {
            break;
        }
    }
    best
}

/// The next permutation in lexicographic order; false (and the first) after the last.
fn next_permutation(v: &mut [usize]) -> bool {
    let Some(i) = (1..v.len()).rev().find(|&i| v[i - 1] < v[i]) else {
        v.reverse();
        return false;
    };
    let pivot = v[i - 1];
    let Some(j) = (i..v.len()).rev().find(|&j| v[j] > pivot) else {
        return false;
    };
    v.swap(i - 1, j);
    v[i..].reverse();
    true
}

/// Local search over consistent sequences, with the state saved before each position.
struct Search<'a, 'b> {
    d: &'b Decoder<'a>,
    seq: Vec<usize>,
    cur: State,
    /// Load, spend and NPV before position t of `seq`: `load_at[t * h..(t + 1) * h]` and so on.
    load_at: Vec<f64>,
    spend_at: Vec<f64>,
    npv_at: Vec<f64>,
    trial: State,
    cand: Vec<usize>,
    /// Each job's position in `seq` (`usize::MAX`: not in it).
    pos: Vec<usize>,
    decodes: u64,
}

impl<'a, 'b> Search<'a, 'b> {
    fn new(d: &'b Decoder<'a>, seq: Vec<usize>) -> Self {
        let m = seq.len();
        let (h, k) = (d.h, d.budgets.len());
        let mut s = Search {
            d,
            cur: d.base.clone(),
            load_at: vec![0.0; (m + 1) * h],
            spend_at: vec![0.0; (m + 1) * k],
            npv_at: vec![0.0; m + 1],
            trial: d.base.clone(),
            cand: seq.clone(),
            pos: vec![usize::MAX; d.jobs.len()],
            seq,
            decodes: 0,
        };
        s.resume(0);
        s
    }

    /// Decodes `seq` from position `p` on (its state restored from the one saved there), saving
    /// the state before each position.
    fn resume(&mut self, p: usize) {
        self.decodes += 1;
        let (h, k) = (self.d.h, self.d.budgets.len());
        self.restore(p);
        let mut st = std::mem::replace(&mut self.trial, self.d.base.clone());
        for t in p..self.seq.len() {
            self.d.decide(&mut st, self.seq[t]);
            self.load_at[(t + 1) * h..(t + 2) * h].copy_from_slice(&st.load);
            self.spend_at[(t + 1) * k..(t + 2) * k].copy_from_slice(&st.spend);
            self.npv_at[t + 1] = st.npv;
        }
        self.cur = st;
        for (t, &j) in self.seq.iter().enumerate() {
            self.pos[j] = t;
        }
    }

    /// Sets `trial` to the state saved before position `p` of `seq` (its starts from `cur`).
    fn restore(&mut self, p: usize) {
        let (h, k) = (self.d.h, self.d.budgets.len());
        if p == 0 {
            self.trial.clone_from(&self.d.base);
            self.load_at[..h].copy_from_slice(&self.d.base.load);
            self.spend_at[..k].copy_from_slice(&self.d.base.spend);
            self.npv_at[0] = self.d.base.npv;
            return;
        }
        self.trial.starts.clone_from(&self.cur.starts);
        self.trial
            .load
            .copy_from_slice(&self.load_at[p * h..(p + 1) * h]);
        self.trial
            .spend
            .copy_from_slice(&self.spend_at[p * k..(p + 1) * k]);
        self.trial.npv = self.npv_at[p];
    }

    /// Tries `cand` (equal to `seq` outside positions p..q); keeps it if its NPV is larger.
    fn try_cand(&mut self, p: usize, q: usize) -> bool {
        self.decodes += 1;
        self.restore(p);
        for t in p..self.cand.len() {
            let j = self.cand[t];
            self.d.decide(&mut self.trial, j);
            if t + 1 == q
                && self.cand[p..q]
                    .iter()
                    .all(|&j| self.trial.starts[j] == self.cur.starts[j])
            {
                // The same jobs at the same starts: the same schedule from here on.
                return false;
            }
        }
        if !better(self.trial.npv, self.cur.npv) {
            return false;
        }
        std::mem::swap(&mut self.seq, &mut self.cand);
        self.resume(p);
        self.cand.clone_from(&self.seq);
        true
    }

    /// Whether job `a` requires job `b`.
    fn requires(&self, a: usize, b: usize) -> bool {
        self.d.jobs[a].requires.contains(&b)
    }

    /// First-improvement local search until a pass over every move raises nothing, or the
    /// decode limit.
    fn improve(&mut self, limit: u64) {
        let m = self.seq.len();
        let mut improved = true;
        while improved {
            improved = false;
            let mut i = 0;
            while i < m {
                if self.decodes >= limit {
                    return;
                }
                if self.moves_at(i, limit) {
                    improved = true;
                    // The job now at i may move too.
                    continue;
                }
                i += 1;
            }
        }
    }

    /// Tries the moves of the job at position `i`: inserted earlier (nearest first), later, and
    /// swapped with each later job not next to it; true at the first that improves.
    fn moves_at(&mut self, i: usize, limit: u64) -> bool {
        let m = self.seq.len();
        let x = self.seq[i];
        // Earlier: not before one of its requirements.
        let mut j = i;
        while j > 0 && !self.requires(x, self.seq[j - 1]) {
            j -= 1;
            if self.decodes >= limit {
                return false;
            }
            self.cand[j..=i].rotate_right(1);
            if self.try_cand(j, i + 1) {
                return true;
            }
            self.cand[j..=i].rotate_left(1);
        }
        // Later: not after a job that requires it.
        let mut j = i;
        while j + 1 < m && !self.requires(self.seq[j + 1], x) {
            j += 1;
            if self.decodes >= limit {
                return false;
            }
            self.cand[i..=j].rotate_left(1);
            if self.try_cand(i, j + 1) {
                return true;
            }
            self.cand[i..=j].rotate_right(1);
        }
        // Swaps with y at j > i + 1 (next to it is an insertion): nothing in i + 1..=j may
        // require x, and y may require nothing in i..j.
        for j in i + 1..m {
            let y = self.seq[j];
            if self.requires(y, x) {
                break;
            }
            if j == i + 1
                || self.d.jobs[y].requires.iter().any(|&r| {
                    let at = self.pos.get(r).copied().unwrap_or(usize::MAX);
                    at >= i && at < j
                })
            {
                continue;
            }
            if self.decodes >= limit {
                return false;
            }
            self.cand.swap(i, j);
            if self.try_cand(i, j + 1) {
                return true;
            }
            self.cand.swap(i, j);
        }
        false
    }
}

/// The roadmap: the CD3 baseline and the best schedule found (see the module's description).
pub fn plan(jobs: &[Job], limits: &Limits) -> Roadmap {
    let d = Decoder::new(jobs, limits);
    let all_now_npv = jobs
        .iter()
        .map(|j| j.npv_by_start.first().copied().unwrap_or(0.0))
        .sum();
    let cd3 = cd3_order(jobs);
    let cd3_seq = d.sequence(&cd3);
    let baseline = d.run(&cd3_seq);
    let mut decodes = 1;
    let exhaustive = d.free.len() <= EXHAUSTIVE_JOBS;
    let best_seq = if exhaustive {
        every_order(&d, (cd3_seq, baseline.npv), &mut decodes)
    } else {
        let greedy_seq = d.greedy(&cd3);
        decodes += 1;
        let start = if better(d.run(&greedy_seq).npv, baseline.npv) {
            greedy_seq
        } else {
            cd3_seq
        };
        let mut search = Search::new(&d, start);
        search.improve(DECODE_LIMIT);
        decodes += search.decodes;
        search.seq
    };
    decodes += 1;
    let best = d.run(&best_seq);
    let (best, order) = if best.npv >= baseline.npv {
        (best, d.full_order(&best_seq))
    } else {
        (baseline.clone(), d.full_order(&d.sequence(&cd3)))
    };
    Roadmap {
        baseline: baseline.into_schedule(),
        best: best.into_schedule(),
        order,
        all_now_npv,
        exhaustive,
        decodes,
    }
}
