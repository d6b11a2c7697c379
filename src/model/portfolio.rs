//! Portfolio selection: which initiatives to fund within the budgets and the team's capacity,
//! exactly. The first piece of the portfolio work (issue 16): the solver, on plain numbers; the
//! scenario's portfolio settings, the schedule and the views come after it.
//!
//! A [`Problem`] is a list of candidates, each with the value it adds when funded (its NPV, say),
//! what it spends against each budget (one per year, or one in all) and the team effort it takes;
//! the budgets and the capacity (either may be absent); which candidates are mandatory; which
//! require others (funded only with all of them); and groups of alternatives (at most one of each
//! group funded). [`select`] returns the set of largest total value within every limit, found by
//! branch and bound with a proof of optimality, or, past a node limit, the best set found and how
//! far from the optimum it can be at most.
//!
//! Mandatory candidates (and what they require) are always funded. If they alone break a limit,
//! the problem is infeasible and the answer says which limit and by how much. Minimums ("at
//! least 20% of the budget to strategic work") must be reached too; one that cannot be is
//! refused with how far it falls short.
//!
//! For the views: [`select_from`] (the search from a known set), [`greedy`] (ranking and funding
//! until the money runs out, to compare with), [`frontier`] (the value each budget level buys),
//! [`shadow`] (what one more unit of each limit is worth) and [`need`] (what an unfunded
//! candidate would take to get in).
//!
//! Spend and effort are amounts of zero or more (the bounds and the pruning rely on it).
//!
//! How the search is bounded. The limits (each budget, the capacity) and the groups (at most one
//! of each) are combined into one constraint, each weighted by a multiplier: a surrogate
//! knapsack, which every set within the limits keeps. Its linear relaxation, with each
//! candidate's requirement kept (one per candidate, so that they form a forest), is bounded
//! through duality by `t·room + Σ` over the best closed set of `value − t·weight`, for any
//! `t ≥ 0`, computed in one pass up the forest. So a candidate is never counted without the
//! requirements it needs, nor with more of the room than is left. The multipliers are found by
//! subgradient steps at the root (each limit measured in its own size), where the bound then
//! equals the linear relaxation's, and re-optimised at every node from its parent's (a few
//! steps), which is what keeps the tree small; a few values of `t` are tried first, as they
//! are cheaper.
//!
//! The search: a greedy set improved by local search is the first incumbent; candidates that
//! cannot be funded or can only lose value are set aside; at the root and at every node, a
//! candidate is fixed in (or out) when the bound without it (or with it) cannot beat the
//! incumbent; the branching is on the candidate the relaxation is least sure of, its choice
//! first, with a set near the relaxation's offered at each node; short rounds of growing size
//! restart from the root with the better incumbent they found.

/// One initiative, as the solver sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// What funding it adds to the objective (may be negative: a prerequisite that pays nothing).
    pub value: f64,
    /// What it spends against each budget, in the order of [`Problem::budgets`].
    pub spend: Vec<f64>,
    /// Team effort, in person-months.
    pub effort: f64,
    pub mandatory: bool,
    /// The candidates it cannot be funded without (positions in [`Problem::candidates`]).
    pub requires: Vec<usize>,
    /// Its group of alternatives: at most one candidate of a group is funded.
    pub group: Option<usize>,
}

/// A least amount the funded set must reach ("at least 20% of the budget goes to strategic
/// work": `amount` is each strategic candidate's spend, 0 for the others, `at_least` 20% of the
/// budget). A most is no more than another budget, with spend only on the category's
/// candidates.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Minimum {
    /// Each candidate's amount (0 or more), in the order of [`Problem::candidates`]; missing
    /// ones count 0.
    pub amount: Vec<f64>,
    /// The least total amount of the funded candidates.
    pub at_least: f64,
}

/// Candidates and limits.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Problem {
    pub candidates: Vec<Candidate>,
    /// The budgets, each the most the funded candidates may spend against it; `None`: no limit.
    pub budgets: Vec<Option<f64>>,
    /// The team's capacity in person-months; `None`: no limit.
    pub capacity: Option<f64>,
    /// Least amounts the funded set must reach.
    pub minimums: Vec<Minimum>,
}

/// The limit a problem breaks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limit {
    Budget(usize),
    Capacity,
}

/// Why no set is possible.
#[derive(Debug, Clone, PartialEq)]
pub enum Infeasible {
    /// The mandatory candidates (with what they require) alone exceed `limit` by `over`.
    MandatoryOver { limit: Limit, over: f64 },
    /// Two mandatory candidates (or what they require) are alternatives of one group.
    MandatoryRivals { a: usize, b: usize },
    /// Candidate `of` requires itself, through a chain of requirements.
    Circular { of: usize },
    /// A requirement names no candidate.
    UnknownRequirement { of: usize, requires: usize },
    /// No set within the limits (and every other rule) reaches every minimum: `minimum` is the
    /// first that no set reaches together with those before it, and `short` how far the most
    /// such a set can reach falls short of it (found by the same search, maximising that
    /// minimum's amount; if that search itself reaches the node limit, the most it found, and
    /// then a set reaching it may exist).
    MinimumUnreachable { minimum: usize, short: f64 },
}

/// The answer: the funded set and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub funded: Vec<bool>,
    pub value: f64,
    /// Proven the largest value possible. When false (the node limit was reached), `gap` is how
    /// much larger the optimum can be at most.
    pub optimal: bool,
    pub gap: f64,
    /// Nodes of the search tree visited.
    pub nodes: u64,
}

/// Nodes visited before the search stops with the best set found (and its gap). A node costs
/// about 10 µs natively with 100 candidates (its multipliers are re-optimised), so this is a
/// few seconds.
pub const NODE_LIMIT: u64 = 200_000;

const EPS: f64 = 1e-9;

/// Subgradient steps re-optimising the multipliers at each node: more near the root, where a
/// tighter bound saves more of the tree.
const STEPS_HIGH: usize = 60;
const STEPS: usize = 20;
/// Depth down to which a node takes `STEPS_HIGH`.
const DEEP: usize = 8;

/// Candidate states during the search.
const FREE: u8 = 0;
const IN: u8 = 1;
const OUT: u8 = 2;
/// No group, no parent.
const NONE: usize = usize::MAX;

/// The tolerance of a comparison with `x`: sums of floating-point spends may be off in the last
/// digits.
fn tol(x: f64) -> f64 {
    EPS * x.abs().max(1.0)
}

/// The candidates `i` requires, directly or not (without `i`), or the candidate on a cycle.
fn closure(p: &Problem, i: usize) -> Result<Vec<usize>, Infeasible> {
    let n = p.candidates.len();
    let mut seen = vec![false; n];
    let mut stack = vec![i];
    let mut out = Vec::new();
    while let Some(k) = stack.pop() {
        for &r in &p.candidates[k].requires {
            if r >= n {
                return Err(Infeasible::UnknownRequirement { of: k, requires: r });
            }
            if r == i {
                return Err(Infeasible::Circular { of: i });
            }
            if !seen[r] {
                seen[r] = true;
                out.push(r);
                stack.push(r);
            }
        }
    }
    Ok(out)
}

/// A problem in the form the search reads: limits as one list (the budgets, then the capacity),
/// weights as one table, what each candidate requires directly and in all, the mandatory set.
struct Model {
    n: usize,
    /// The budgets, then the capacity.
    dims: usize,
    /// Each limit, infinite when not set.
    limit: Vec<f64>,
    /// The limits that are set.
    on: Vec<usize>,
    /// What candidate `i` uses of limit `d`: `w[i * dims + d]`.
    w: Vec<f64>,
    v: Vec<f64>,
    /// Direct requirements, without repeats.
    req: Vec<Vec<usize>>,
    /// The same, the one with most requirements of its own first: the one a bound keeps.
    req_pref: Vec<Vec<usize>>,
    /// Who requires each candidate directly.
    dependants: Vec<Vec<usize>>,
    /// Every requirement, direct or not.
    closure: Vec<Vec<usize>>,
    group: Vec<usize>,
    groups: usize,
    /// Mandatory, or required by a mandatory candidate.
    forced: Vec<bool>,
    /// Each minimum's amounts (per candidate) and least total.
    amount: Vec<Vec<f64>>,
    at_least: Vec<f64>,
    /// Whether a candidate has an amount in some minimum (funding it may then pay even at a
    /// loss).
    counts: Vec<bool>,
}

impl Model {
    fn new(p: &Problem) -> Result<Model, Infeasible> {
        let n = p.candidates.len();
        let mut closures = Vec::with_capacity(n);
        for i in 0..n {
            closures.push(closure(p, i)?);
        }
        let budgets = p.budgets.len();
        let dims = budgets + 1;
        let mut limit = vec![f64::INFINITY; dims];
        for (d, b) in p.budgets.iter().enumerate() {
            if let Some(b) = b {
                limit[d] = *b;
            }
        }
        if let Some(c) = p.capacity {
            limit[budgets] = c;
        }
        let on = (0..dims).filter(|&d| limit[d] < f64::INFINITY).collect();
        let mut w = vec![0.0; n * dims];
        for (i, c) in p.candidates.iter().enumerate() {
            for (d, x) in c.spend.iter().take(budgets).enumerate() {
                w[i * dims + d] = *x;
            }
            w[i * dims + budgets] = c.effort;
        }
        let v = p.candidates.iter().map(|c| c.value).collect();
        let req: Vec<Vec<usize>> = p
            .candidates
            .iter()
            .map(|c| {
                let mut r = c.requires.clone();
                r.sort_unstable();
                r.dedup();
                r
            })
            .collect();
        let req_pref = req
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r.sort_by_key(|&x| std::cmp::Reverse(closures[x].len()));
                r
            })
            .collect();
        let mut dependants = vec![Vec::new(); n];
        for (i, r) in req.iter().enumerate() {
            for &x in r {
                dependants[x].push(i);
            }
        }
        let group: Vec<usize> = p
            .candidates
            .iter()
            .map(|c| c.group.unwrap_or(NONE))
            .collect();
        let groups = p
            .candidates
            .iter()
            .filter_map(|c| c.group)
            .max()
            .map_or(0, |g| g + 1);
        let mut forced = vec![false; n];
        for (i, c) in p.candidates.iter().enumerate() {
            if c.mandatory {
                forced[i] = true;
                for &r in &closures[i] {
                    forced[r] = true;
                }
            }
        }
        let amount: Vec<Vec<f64>> = p
            .minimums
            .iter()
            .map(|mm| {
                (0..n)
                    .map(|i| mm.amount.get(i).copied().unwrap_or(0.0))
                    .collect()
            })
            .collect();
        let counts = (0..n)
            .map(|i| amount.iter().any(|a: &Vec<f64>| a[i] > 0.0))
            .collect();
        let m = Model {
            n,
            dims,
            limit,
            on,
            w,
            v,
            req,
            req_pref,
            dependants,
            closure: closures,
            group,
            groups,
            forced,
            at_least: p.minimums.iter().map(|mm| mm.at_least).collect(),
            amount,
            counts,
        };
        // The mandatory set: no two of one group, within every limit.
        let mut owner = vec![NONE; m.groups];
        let mut used = vec![0.0; dims];
        for i in (0..n).filter(|&i| m.forced[i]) {
            let g = m.group[i];
            if g != NONE {
                if owner[g] != NONE {
                    return Err(Infeasible::MandatoryRivals { a: owner[g], b: i });
                }
                owner[g] = i;
            }
            for (d, u) in used.iter_mut().enumerate() {
                *u += m.w(i, d);
            }
        }
        for (d, &u) in used.iter().enumerate() {
            if u > m.limit[d] + tol(m.limit[d]) {
                let limit = if d < budgets {
                    Limit::Budget(d)
                } else {
                    Limit::Capacity
                };
                return Err(Infeasible::MandatoryOver {
                    limit,
                    over: u - m.limit[d],
                });
            }
        }
        Ok(m)
    }

    fn w(&self, i: usize, d: usize) -> f64 {
        self.w[i * self.dims + d]
    }
}

/// The branch and bound: the state of the set being built, the relaxation's multipliers, the
/// incumbent.
struct Search<'m> {
    m: &'m Model,
    /// FREE, IN or OUT, per candidate.
    status: Vec<u8>,
    /// What the funded set uses of each limit.
    used: Vec<f64>,
    value: f64,
    /// Funded candidates per group.
    in_group: Vec<u32>,
    /// The funded set's total amount of each minimum.
    got: Vec<f64>,
    /// Stop as soon as a set of this value is found (the search for a minimum's set).
    target: f64,
    done: bool,
    /// The free candidates in the order they are decided: every requirement before what requires
    /// it.
    order: Vec<usize>,
    /// The multipliers of the limits and of the groups, and each candidate's weight in the
    /// surrogate constraint they make: `Σ lam·w + mu of its group`.
    lam: Vec<f64>,
    mu: Vec<f64>,
    /// The minimums' multipliers: a candidate's amount lowers its weight.
    nu: Vec<f64>,
    s: Vec<f64>,
    // Scratch, per node: who can still be funded, the requirement the bound keeps, the blocks'
    // values and weights, the groups with someone who can still be funded, the surrogate's room.
    alive: Vec<bool>,
    parent: Vec<usize>,
    acc_v: Vec<f64>,
    acc_s: Vec<f64>,
    taken: Vec<bool>,
    open: Vec<bool>,
    /// Per group, the largest amount left (of the minimum being checked).
    gmax: Vec<f64>,
    room: f64,
    best: Vec<bool>,
    best_value: f64,
    nodes: u64,
    /// Nodes after which this round of the search stops.
    cap: u64,
    /// Depth of the current node.
    depth: usize,
    stopped: bool,
    /// The largest bound left unexplored when the search stopped.
    open_bound: f64,
}

impl<'m> Search<'m> {
    fn new(m: &'m Model) -> Search<'m> {
        let n = m.n;
        let mut s = Search {
            m,
            status: vec![FREE; n],
            used: vec![0.0; m.dims],
            value: 0.0,
            in_group: vec![0; m.groups],
            got: vec![0.0; m.at_least.len()],
            target: f64::INFINITY,
            done: false,
            order: Vec::new(),
            lam: vec![0.0; m.dims],
            mu: vec![0.0; m.groups],
            nu: vec![0.0; m.at_least.len()],
            s: vec![0.0; n],
            alive: vec![false; n],
            parent: vec![NONE; n],
            acc_v: vec![0.0; n],
            acc_s: vec![0.0; n],
            taken: vec![false; n],
            open: vec![false; m.groups],
            gmax: vec![0.0; m.groups],

            room: 0.0,
            best: vec![false; n],
            best_value: f64::NEG_INFINITY,
            nodes: 0,
            cap: NODE_LIMIT,
            depth: 0,
            stopped: false,
            open_bound: f64::NEG_INFINITY,
        };
        for i in 0..n {
            if m.forced[i] {
                s.add(i);
            }
        }
        s
    }

    fn add(&mut self, i: usize) {
        self.status[i] = IN;
        self.value += self.m.v[i];
        for (g, a) in self.got.iter_mut().zip(&self.m.amount) {
            *g += a[i];
        }
        for d in 0..self.m.dims {
            self.used[d] += self.m.w(i, d);
        }
        let g = self.m.group[i];
        if g != NONE {
            self.in_group[g] += 1;
        }
    }

    fn remove(&mut self, i: usize) {
        self.status[i] = FREE;
        self.value -= self.m.v[i];
        for (g, a) in self.got.iter_mut().zip(&self.m.amount) {
            *g -= a[i];
        }
        for d in 0..self.m.dims {
            self.used[d] -= self.m.w(i, d);
        }
        let g = self.m.group[i];
        if g != NONE {
            self.in_group[g] -= 1;
        }
    }

    /// Whether candidate `i` fits the room left in every limit.
    fn fits(&self, i: usize) -> bool {
        self.m.on.iter().all(|&d| {
            let l = self.m.limit[d];
            self.used[d] + self.m.w(i, d) <= l + tol(l)
        })
    }

    /// Whether the funded set reaches every minimum.
    fn meets(&self) -> bool {
        self.got
            .iter()
            .zip(&self.m.at_least)
            .all(|(g, l)| *g >= l - tol(*l))
    }

    /// The current set becomes the incumbent if it is better (and reaches every minimum).
    fn offer(&mut self) {
        if self.value > self.best_value + EPS && self.meets() {
            self.best_value = self.value;
            for (b, s) in self.best.iter_mut().zip(&self.status) {
                *b = *s == IN;
            }
            if self.best_value >= self.target - tol(self.target) {
                self.done = true;
            }
        }
    }

    /// Candidate `i` with its free requirements, if they can all be funded now: none decided
    /// against, no two of one group nor a rival funded, within every limit together.
    fn chain(&self, i: usize) -> Option<Vec<usize>> {
        let m = self.m;
        let mut members = vec![i];
        for &r in &m.closure[i] {
            match self.status[r] {
                IN => {}
                FREE => members.push(r),
                _ => return None,
            }
        }
        if self.status[i] != FREE {
            return None;
        }
        for (k, &a) in members.iter().enumerate() {
            let g = m.group[a];
            if g != NONE && (self.in_group[g] > 0 || members[..k].iter().any(|&b| m.group[b] == g))
            {
                return None;
            }
        }
        let within = m.on.iter().all(|&d| {
            let extra: f64 = members.iter().map(|&a| m.w(a, d)).sum();
            self.used[d] + extra <= m.limit[d] + tol(m.limit[d])
        });
        within.then_some(members)
    }

    /// Sets aside, once and for all, what cannot be funded any more (a requirement set aside, a
    /// rival funded, the candidate with its requirements over a limit) and what can only lose
    /// value: a candidate worth nothing or less, with no amount towards a minimum, that nothing
    /// left undecided requires.
    fn reduce(&mut self) -> bool {
        let m = self.m;
        let mut changed = false;
        for i in 0..m.n {
            if self.status[i] == FREE && self.chain(i).is_none() {
                self.status[i] = OUT;
                changed = true;
            }
        }
        loop {
            let mut more = false;
            for i in 0..m.n {
                if self.status[i] == FREE
                    && m.v[i] <= 0.0
                    && !m.counts[i]
                    && !m.dependants[i].iter().any(|&d| self.status[d] == FREE)
                {
                    self.status[i] = OUT;
                    more = true;
                }
            }
            if !more {
                break;
            }
            changed = true;
        }
        changed
    }

    /// The free candidates in the order of `key` (largest first), each preceded by its free
    /// requirements.
    fn build_order(&mut self, key: &[f64]) {
        let m = self.m;
        let mut free: Vec<usize> = (0..m.n).filter(|&i| self.status[i] == FREE).collect();
        free.sort_by(|&a, &b| key[b].total_cmp(&key[a]));
        let mut placed = vec![false; m.n];
        let mut order = Vec::with_capacity(free.len());
        fn place(i: usize, m: &Model, status: &[u8], placed: &mut [bool], order: &mut Vec<usize>) {
            if placed[i] {
                return;
            }
            placed[i] = true;
            for &r in &m.req[i] {
                if status[r] == FREE {
                    place(r, m, status, placed, order);
                }
            }
            order.push(i);
        }
        for i in free {
            place(i, m, &self.status, &mut placed, &mut order);
        }
        self.order = order;
    }

    /// For the node deciding `order[k..]`: which of those can still be funded, the requirement
    /// the bound keeps for each, the groups with someone left, and the surrogate's room. Returns
    /// false when some minimum is out of reach: the funded amount with every amount that can
    /// still be funded (of a group, the largest) falls short.
    fn mark(&mut self, k: usize) -> bool {
        let m = self.m;
        self.open.fill(false);
        for idx in k..self.order.len() {
            let i = self.order[idx];
            let g = m.group[i];
            let ok = self.status[i] == FREE
                && (g == NONE || self.in_group[g] == 0)
                && m.req[i]
                    .iter()
                    .all(|&r| self.status[r] == IN || (self.status[r] == FREE && self.alive[r]))
                && self.fits(i);
            self.alive[i] = ok;
            if ok {
                self.parent[i] = m.req_pref[i]
                    .iter()
                    .copied()
                    .find(|&r| self.status[r] == FREE)
                    .unwrap_or(NONE);
                if g != NONE {
                    self.open[g] = true;
                }
            }
        }
        self.room = self.surrogate_room();
        for j in 0..m.at_least.len() {
            let a = &m.amount[j];
            let mut total = self.got[j];
            self.gmax.fill(0.0);
            for idx in k..self.order.len() {
                let i = self.order[idx];
                if self.alive[i] {
                    match m.group[i] {
                        NONE => total += a[i].max(0.0),
                        g => self.gmax[g] = self.gmax[g].max(a[i]),
                    }
                }
            }
            total += self.gmax.iter().sum::<f64>();
            if total < m.at_least[j] - tol(m.at_least[j]) {
                return false;
            }
        }
        true
    }

    /// The value of candidate `i`'s block in the bound at `t` (after [`Search::eval`]): its own
    /// reduced value and what it took of its children.
    fn block(&self, i: usize, t: f64) -> f64 {
        self.acc_v[i] + self.m.v[i] - t * self.s[i]
    }

    /// The room of the surrogate constraint: the limits' rooms and the open groups' one each,
    /// weighted by their multipliers.
    fn surrogate_room(&self) -> f64 {
        let m = self.m;
        let mut room: f64 =
            m.on.iter()
                .map(|&d| self.lam[d] * (m.limit[d] - self.used[d]).max(0.0))
                .sum();
        for (g, &o) in self.open.iter().enumerate() {
            if o {
                room += self.mu[g];
            }
        }
        for ((nu, l), got) in self.nu.iter().zip(&m.at_least).zip(&self.got) {
            room -= nu * (l - got);
        }
        room
    }

    /// The bound at `t`, and its slope in `t` (the room less the chosen blocks' weight): the
    /// value so far, plus `t·room`, plus the best closed set (requirements kept as marked) of the
    /// undecided candidates valued `v − t·s`. Any `t ≥ 0` gives a bound (weak duality of the
    /// surrogate knapsack's relaxation).
    fn eval(&mut self, k: usize, t: f64) -> (f64, f64) {
        let (mut tv, mut ts) = (0.0, 0.0);
        for idx in k..self.order.len() {
            let i = self.order[idx];
            self.acc_v[i] = 0.0;
            self.acc_s[i] = 0.0;
        }
        for idx in (k..self.order.len()).rev() {
            let i = self.order[idx];
            if !self.alive[i] {
                continue;
            }
            let bv = self.acc_v[i] + self.m.v[i] - t * self.s[i];
            if bv > 0.0 {
                let bs = self.acc_s[i] + self.s[i];
                match self.parent[i] {
                    NONE => {
                        tv += bv;
                        ts += bs;
                    }
                    p => {
                        self.acc_v[p] += bv;
                        self.acc_s[p] += bs;
                    }
                }
            }
        }
        (self.value + t * self.room + tv, self.room - ts)
    }

    /// The least bound over a few `t`, starting from `t0`: each step goes to where the tangents
    /// on either side of the minimum meet. Stops as soon as a bound prunes, or when the tangents
    /// show that none will. Returns the bound and its `t` (the children's start).
    fn bound(&mut self, k: usize, t0: f64) -> (f64, f64) {
        let thr = self.best_value + EPS;
        let (f, g) = self.eval(k, t0);
        let (mut best, mut best_t) = (f, t0);
        if f <= thr || g == 0.0 || (g > 0.0 && t0 <= 0.0) {
            return (best, best_t);
        }
        // Tangents where the slope is negative (t too small) and positive (t too large).
        let (mut lo, mut hi) = (None, None);
        if g < 0.0 {
            lo = Some((t0, f, g));
        } else {
            hi = Some((t0, f, g));
        }
        for _ in 0..8 {
            let t = match (lo, hi) {
                (Some((ta, fa, ga)), Some((tb, fb, gb))) => {
                    let t: f64 = (fb - fa + ga * ta - gb * tb) / (ga - gb);
                    let lower = fa + ga * (t - ta);
                    if lower > thr || best - lower <= tol(best) {
                        break;
                    }
                    t.clamp(ta, tb)
                }
                (Some((ta, _, _)), None) => {
                    if ta <= 0.0 {
                        1.0
                    } else {
                        ta * 2.0
                    }
                }
                (None, Some((tb, _, _))) => {
                    if tb <= 1e-3 {
                        0.0
                    } else {
                        tb * 0.5
                    }
                }
                (None, None) => unreachable!(),
            };
            let (f, g) = self.eval(k, t);
            if f < best {
                best = f;
                best_t = t;
            }
            if best <= thr || g == 0.0 || (g > 0.0 && t <= 0.0) {
                break;
            }
            if g < 0.0 {
                lo = Some((t, f, g));
            } else {
                hi = Some((t, f, g));
            }
        }
        (best, best_t)
    }

    /// The surrogate weights from the multipliers.
    fn weigh(&mut self, k: usize) {
        let m = self.m;
        for idx in k..self.order.len() {
            let i = self.order[idx];
            let g = m.group[i];
            let mut s = if g == NONE { 0.0 } else { self.mu[g] };
            for &d in &m.on {
                s += self.lam[d] * m.w(i, d);
            }
            for (nu, a) in self.nu.iter().zip(&m.amount) {
                s -= nu * a[i];
            }
            self.s[i] = s;
        }
    }

    /// Multipliers that make the bound of the node deciding `order[k..]` tight: subgradient
    /// steps (Polyak's rule towards the incumbent's value) on the Lagrangian of the limits and
    /// the groups, whose inner problem (the best closed set of `v − lam·w − mu`) keeps the
    /// requirements; from the current multipliers, `iters` steps at most. Any multipliers ≥ 0
    /// give a valid bound; better ones prune more. Returns the least bound seen (at `t = 1`).
    fn multipliers(&mut self, k: usize, iters: usize, theta0: f64) -> f64 {
        let m = self.m;
        self.mark(k);
        let floor = self.best_value.max(self.value);
        // Each limit's row is measured in its own size (else the budgets' gradients, in money,
        // dwarf the groups', in counts, and the groups' multipliers hardly move).
        let scale: Vec<f64> = (0..m.dims)
            .map(|d| {
                if m.limit[d] < f64::INFINITY {
                    1.0 / (m.limit[d] - self.used[d]).max(1.0)
                } else {
                    0.0
                }
            })
            .collect();
        let mut grad_l = vec![0.0; m.dims];
        let mut grad_m = vec![0.0; m.groups];
        let mut grad_n = vec![0.0; m.at_least.len()];
        let scale_n: Vec<f64> = m.at_least.iter().map(|l| 1.0 / l.max(1.0)).collect();
        let mut best = f64::INFINITY;
        let (mut best_lam, mut best_mu) = (self.lam.clone(), self.mu.clone());
        let mut best_nu = self.nu.clone();
        let mut theta = theta0;
        let mut stale = 0;
        for _ in 0..iters {
            self.weigh(k);
            self.room = self.surrogate_room();
            let (value, _) = self.eval(k, 1.0);
            if value < best - EPS {
                best = value;
                best_lam.clone_from(&self.lam);
                best_mu.clone_from(&self.mu);
                best_nu.clone_from(&self.nu);
                stale = 0;
            } else {
                stale += 1;
                if stale >= 10 {
                    theta /= 2.0;
                    stale = 0;
                }
            }
            if value <= self.best_value + EPS {
                break;
            }
            // The set the inner problem chose: a block is taken when its value (with what it
            // took of its children) is positive and its parent's block is taken.
            for &d in &m.on {
                grad_l[d] = (m.limit[d] - self.used[d]).max(0.0);
            }
            for (g, x) in grad_m.iter_mut().enumerate() {
                *x = if self.open[g] { 1.0 } else { 0.0 };
            }
            for ((x, l), got) in grad_n.iter_mut().zip(&m.at_least).zip(&self.got) {
                *x = got - l;
            }
            self.mark_taken(k, 1.0);
            for idx in k..self.order.len() {
                let i = self.order[idx];
                if self.taken[i] {
                    for (x, a) in grad_n.iter_mut().zip(&m.amount) {
                        *x += a[i];
                    }
                    for &d in &m.on {
                        grad_l[d] -= m.w(i, d);
                    }
                    if m.group[i] != NONE {
                        grad_m[m.group[i]] -= 1.0;
                    }
                }
            }
            for (gr, sc) in grad_l.iter_mut().zip(&scale) {
                *gr *= sc;
            }
            for (x, sc) in grad_n.iter_mut().zip(&scale_n) {
                *x *= sc;
            }
            let norm: f64 = grad_l
                .iter()
                .chain(&grad_m)
                .chain(&grad_n)
                .map(|x| x * x)
                .sum();
            if norm <= 0.0 || value - floor <= EPS || theta < 1e-4 {
                break;
            }
            let step = theta * (value - floor) / norm;
            for ((l, gr), sc) in self.lam.iter_mut().zip(&grad_l).zip(&scale) {
                *l = (*l - step * gr * sc).max(0.0);
            }
            for (u, gr) in self.mu.iter_mut().zip(&grad_m) {
                *u = (*u - step * gr).max(0.0);
            }
            for ((u, gr), sc) in self.nu.iter_mut().zip(&grad_n).zip(&scale_n) {
                *u = (*u - step * gr * sc).max(0.0);
            }
        }
        self.lam = best_lam;
        self.mu = best_mu;
        self.nu = best_nu;
        self.weigh(k);
        self.room = self.surrogate_room();
        best
    }

    /// The greedy set of `order` (see [`Search::fill`]), offered as incumbent, then undone.
    fn greedy_incumbent(&mut self, order: &[usize]) {
        let added = self.fill(order);
        self.offer();
        for &a in added.iter().rev() {
            self.remove(a);
        }
    }

    /// Funds each candidate of `order` still free with its free requirements when they fit and
    /// together add value; returns what it funded.
    fn fill(&mut self, order: &[usize]) -> Vec<usize> {
        self.fill_from(order, 0)
    }

    /// [`Search::fill`], funding the first `any` of `order` even at a loss.
    fn fill_from(&mut self, order: &[usize], any: usize) -> Vec<usize> {
        let mut added = Vec::new();
        for (pos, &i) in order.iter().enumerate() {
            if self.status[i] != FREE {
                continue;
            }
            if let Some(members) = self.chain(i) {
                if pos < any || members.iter().map(|&a| self.m.v[a]).sum::<f64>() > 0.0 {
                    for &a in &members {
                        self.add(a);
                    }
                    added.extend(members);
                }
            }
        }
        added
    }

    /// Improves the incumbent by local search: drop one funded candidate (with what requires
    /// it), fill again in `order`, keep the change when it adds value; until no drop helps.
    fn local_search(&mut self, order: &[usize]) {
        let m = self.m;
        let start: Vec<usize> = (0..m.n)
            .filter(|&i| self.best[i] && self.status[i] == FREE)
            .collect();
        if start
            .iter()
            .any(|&i| m.closure[i].iter().any(|&r| self.status[r] == OUT))
        {
            return;
        }
        for &i in &start {
            self.add(i);
        }
        let mut current = self.value;
        for _ in 0..10 {
            let mut improved = false;
            for j in 0..m.n {
                if self.status[j] != IN || m.forced[j] {
                    continue;
                }
                let dropped: Vec<usize> = (0..m.n)
                    .filter(|&x| self.status[x] == IN && (x == j || m.closure[x].contains(&j)))
                    .collect();
                for &x in &dropped {
                    self.remove(x);
                }
                self.status[j] = OUT;
                let added = self.fill(order);
                self.status[j] = FREE;
                if self.value > current + EPS && self.meets() {
                    current = self.value;
                    improved = true;
                    self.offer();
                } else {
                    for &a in added.iter().rev() {
                        self.remove(a);
                    }
                    for &x in &dropped {
                        self.add(x);
                    }
                }
            }
            if !improved {
                break;
            }
        }
        for i in 0..m.n {
            if self.status[i] == IN && !m.forced[i] {
                self.remove(i);
            }
        }
    }

    /// The bound of the root with the current statuses.
    fn root_bound(&mut self) -> f64 {
        if self.mark(0) {
            self.bound(0, 1.0).0
        } else {
            f64::NEG_INFINITY
        }
    }

    /// Fixes candidates at the root: in when the bound without one cannot beat the incumbent
    /// (every better set funds it), out when the bound with it (and its requirements) cannot.
    /// Returns true when no better set can exist at all.
    fn fix(&mut self) -> bool {
        let m = self.m;
        for _ in 0..3 {
            let mut changed = self.reduce();
            let key: Vec<f64> = (0..m.n).map(|i| m.v[i] - self.s[i]).collect();
            self.build_order(&key);
            let list = self.order.clone();
            for i in list {
                if self.status[i] != FREE {
                    continue;
                }
                let thr = self.best_value + EPS;
                self.status[i] = OUT;
                let without = self.root_bound();
                self.status[i] = FREE;
                let chain = self.chain(i);
                if without <= thr {
                    let Some(members) = chain else {
                        return true;
                    };
                    for &a in &members {
                        self.add(a);
                    }
                    changed = true;
                    continue;
                }
                let with = match &chain {
                    None => f64::NEG_INFINITY,
                    Some(members) => {
                        for &a in members {
                            self.add(a);
                        }
                        let b = self.root_bound();
                        for &a in members.iter().rev() {
                            self.remove(a);
                        }
                        b
                    }
                };
                if with <= thr {
                    self.status[i] = OUT;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        self.reduce();
        false
    }

    fn run(&mut self, k0: usize, t: f64) {
        self.depth += 1;
        self.run_inner(k0, t);
        self.depth -= 1;
    }

    fn run_inner(&mut self, k0: usize, t: f64) {
        self.nodes += 1;
        self.offer();
        if self.done || !self.mark(k0) {
            return;
        }
        // Whoever can no longer be funded is decided against without a node.
        // (Those decided already, fixed at a node above, are passed over.)
        let mut k = k0;
        let mut dead = Vec::new();
        while k < self.order.len() && !self.alive[self.order[k]] {
            let i = self.order[k];
            if self.status[i] == FREE {
                self.status[i] = OUT;
                dead.push(i);
            }
            k += 1;
        }
        if k < self.order.len() {
            self.branch(k, t);
        }
        for i in dead {
            self.status[i] = FREE;
        }
    }

    /// Reduced-cost fixing at a node, from the relaxation at `t` of bound `f` (see
    /// [`Search::relaxed`]): a candidate whose requirements are all funded is a block of its
    /// own in the bound, so funding it (when the bound leaves it out) lowers the bound by its
    /// block's value exactly, and leaving it out (when the bound funds it) by that value too.
    /// When that brings the bound to the incumbent, the other choice is fixed for the subtree.
    /// Returns the candidates fixed, or `None` when a candidate every better set needs cannot
    /// be funded (the node is pruned). Fixing one leaves the bound at `f`, so they add up.
    fn fix_node(&mut self, k: usize, t: f64, f: f64) -> Option<Vec<usize>> {
        let thr = self.best_value + EPS;
        let mut fixed = Vec::new();
        for idx in k..self.order.len() {
            let i = self.order[idx];
            if !self.alive[i] || self.parent[i] != NONE || self.status[i] != FREE {
                continue;
            }
            let block = self.block(i, t);
            if block > 0.0 {
                if f - block <= thr {
                    let g = self.m.group[i];
                    if !self.fits(i) || (g != NONE && self.in_group[g] > 0) {
                        for &x in fixed.iter().rev() {
                            self.undo_fix(x);
                        }
                        return None;
                    }
                    self.add(i);
                    fixed.push(i);
                }
            } else if f + block <= thr {
                self.status[i] = OUT;
                fixed.push(i);
            }
        }
        Some(fixed)
    }

    fn undo_fix(&mut self, i: usize) {
        if self.status[i] == IN {
            self.remove(i);
        } else {
            self.status[i] = FREE;
        }
    }

    /// The node deciding `order[k..]` (whoever can still be funded among them): its bound, first
    /// with the parent's multipliers over a few `t`, then with multipliers re-optimised for this
    /// node (from the parent's); the fixing by reduced cost; the branching.
    fn branch(&mut self, k: usize, t: f64) {
        let (bound, t) = self.bound(k, t);
        if bound <= self.best_value + EPS {
            return;
        }
        let saved = (
            self.lam.clone(),
            self.mu.clone(),
            self.nu.clone(),
            self.s.clone(),
        );
        for x in self
            .lam
            .iter_mut()
            .chain(self.mu.iter_mut())
            .chain(self.nu.iter_mut())
        {
            *x *= t;
        }
        let steps = if self.depth < DEEP { STEPS_HIGH } else { STEPS };
        let bound = bound.min(self.multipliers(k, steps, 0.5));
        if bound > self.best_value + EPS {
            let f = self.relaxed(k, 1.0);
            match self.fix_node(k, 1.0, f) {
                None => {}
                Some(fixed) if fixed.is_empty() => self.branch_on(k, bound),
                Some(fixed) => {
                    // The node again, with those fixed (a set with them is offered there).
                    self.run(k, 1.0);
                    for &x in fixed.iter().rev() {
                        self.undo_fix(x);
                    }
                }
            }
        }
        (self.lam, self.mu, self.nu, self.s) = saved;
    }

    /// Marks `taken`: the undecided candidates the relaxation at `t` funds (a block is taken
    /// when its value, with what it took of its children, is positive and its parent's is).
    fn relaxed(&mut self, k: usize, t: f64) -> f64 {
        let (f, _) = self.eval(k, t);
        self.mark_taken(k, t);
        f
    }

    /// After [`Search::eval`] at `t`: which undecided candidates the bound funds.
    fn mark_taken(&mut self, k: usize, t: f64) {
        for idx in k..self.order.len() {
            let i = self.order[idx];
            let p = self.parent[i];
            self.taken[i] = self.alive[i] && self.block(i, t) > 0.0 && (p == NONE || self.taken[p]);
        }
    }

    /// A set near the relaxation's: what it funds (as far as it fits), then the rest, in
    /// order; offered as incumbent, then undone.
    fn heuristic(&mut self, k: usize) {
        let mut list: Vec<usize> = self.order[k..]
            .iter()
            .copied()
            .filter(|&i| self.taken[i])
            .collect();
        let chosen = list.len();
        list.extend(self.order[k..].iter().copied().filter(|&i| !self.taken[i]));
        let added = self.fill_from(&list, chosen);
        self.offer();
        for &a in added.iter().rev() {
            self.remove(a);
        }
    }

    /// Branches on the undecided candidate, among those whose requirements are all funded, that
    /// the relaxation (marked by [`Search::relaxed`] at `t = 1`) is least sure of: the smallest
    /// block value either way. Both children are bounded the more tightly for it. The
    /// relaxation's choice for it comes first, the likelier branch to hold a good set; a set near
    /// the relaxation's is offered before.
    fn branch_on(&mut self, k: usize, bound: f64) {
        if self.nodes >= self.cap {
            self.stopped = true;
            self.open_bound = self.open_bound.max(bound);
            return;
        }
        let m = self.m;
        let mut i = self.order[k];
        let mut least = f64::INFINITY;
        for idx in k..self.order.len() {
            let c = self.order[idx];
            if self.alive[c] && self.parent[c] == NONE {
                let b = self.block(c, 1.0).abs();
                if b < least {
                    least = b;
                    i = c;
                }
            }
        }
        let fund_first = self.taken[i];
        self.heuristic(k);
        // Funding adds nothing when it is worth nothing and nothing undecided requires it.
        let useful = m.v[i] > 0.0
            || m.counts[i]
            || m.dependants[i]
                .iter()
                .any(|&d| self.status[d] == FREE && self.alive[d]);
        let fund = useful && self.fits(i);
        for on in [fund_first, !fund_first] {
            if self.done {
                break;
            }
            if on {
                if fund {
                    self.add(i);
                    self.run(k, 1.0);
                    self.remove(i);
                }
            } else {
                self.status[i] = OUT;
                self.run(k, 1.0);
                self.status[i] = FREE;
            }
        }
    }
}

/// The set of largest total value within every limit (see the module's description).
pub fn select(p: &Problem) -> Result<Selection, Infeasible> {
    solve(p, None)
}

/// [`select`], with `start` (when it keeps every rule) as the first incumbent: the search then
/// only looks for better sets. A frontier solves each budget level from the previous level's set.
pub fn select_from(p: &Problem, start: &[bool]) -> Result<Selection, Infeasible> {
    solve(p, Some(start))
}

fn solve(p: &Problem, start: Option<&[bool]>) -> Result<Selection, Infeasible> {
    let m = Model::new(p)?;
    let start = match start {
        Some(s) if allowed(p, s) => Some(s.to_vec()),
        _ if !p.minimums.is_empty() => Some(reach(p)?),
        _ => None,
    };
    Ok(search(&m, start.as_deref(), f64::INFINITY))
}

/// "Rank and fund until the money runs out": the mandatory candidates with what they require
/// first; then each candidate of `order`, funded together with its unfunded requirements when
/// all of them together fit every limit and none of them has a funded rival (nor two of them one
/// group); skipped otherwise, and the walk goes on. Minimums are not sought. `None` when the
/// mandatory candidates alone break a limit (or the problem is refused otherwise). The answer is
/// not claimed optimal (`optimal` false, `gap` 0).
pub fn greedy(p: &Problem, order: &[usize]) -> Option<Selection> {
    let m = Model::new(p).ok()?;
    let mut s = Search::new(&m);
    for &i in order {
        if i >= m.n || s.status[i] != FREE {
            continue;
        }
        if let Some(members) = s.chain(i) {
            for a in members {
                s.add(a);
            }
        }
    }
    Some(Selection {
        funded: s.status.iter().map(|&x| x == IN).collect(),
        value: s.value,
        optimal: false,
        gap: 0.0,
        nodes: 0,
    })
}

/// One level of a budget frontier.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontierPoint {
    /// What every budget that is set was multiplied by.
    pub factor: f64,
    /// The sum of the scaled budgets that are set.
    pub budget: f64,
    /// The optimum's value there; `None` when no set is possible (the mandatory candidates over
    /// the scaled budget, or a minimum out of reach).
    pub exact: Option<f64>,
    /// [`greedy`]'s value there, in the order given; `None` when the mandatory candidates are
    /// over the scaled budget.
    pub greedy: Option<f64>,
    /// False when the search stopped at the node limit (then `exact` is the best set found).
    pub optimal: bool,
}

/// The value the budgets buy, exactly and by ranking: every budget that is set scaled by a
/// factor (the capacity unchanged), at `levels` factors evenly spaced from 0 to `t_max` (with
/// `levels` 1, `t_max` alone), and at 1 (the budgets as they are), in increasing order. `t_max`
/// is 1.5, or more if needed for all the candidates of positive value, with what they require,
/// to fit every budget together (budgets of 0 or less, which scaling cannot raise, left out).
/// Each level is solved from the previous level's set ([`select_from`]: a set within smaller
/// budgets is within larger ones). Empty when no budget is set (the caller supplies one).
pub fn frontier(p: &Problem, levels: usize, order: &[usize]) -> Vec<FrontierPoint> {
    if p.budgets.iter().all(Option::is_none) {
        return Vec::new();
    }
    let n = p.candidates.len();
    let mut wanted = vec![false; n];
    for (i, c) in p.candidates.iter().enumerate() {
        if c.value > 0.0 {
            wanted[i] = true;
            for r in closure(p, i).unwrap_or_default() {
                wanted[r] = true;
            }
        }
    }
    let mut t_max: f64 = 1.5;
    for (d, b) in p.budgets.iter().enumerate() {
        if let Some(b) = b.filter(|&b| b > 0.0) {
            let need: f64 = (0..n)
                .filter(|&i| wanted[i])
                .map(|i| p.candidates[i].spend.get(d).copied().unwrap_or(0.0))
                .sum();
            t_max = t_max.max(need / b);
        }
    }
    let mut factors: Vec<f64> = match levels {
        0 => Vec::new(),
        1 => vec![t_max],
        _ => (0..levels)
            .map(|j| t_max * j as f64 / (levels - 1) as f64)
            .collect(),
    };
    if !factors.iter().any(|f| (f - 1.0).abs() < 1e-12) {
        factors.push(1.0);
        factors.sort_by(f64::total_cmp);
    }
    let mut previous: Option<Vec<bool>> = None;
    factors
        .into_iter()
        .map(|factor| {
            let mut q = p.clone();
            for b in q.budgets.iter_mut().flatten() {
                *b *= factor;
            }
            let budget = q.budgets.iter().flatten().sum();
            let exact = match &previous {
                Some(start) => select_from(&q, start),
                None => select(&q),
            };
            let greedy = greedy(&q, order).map(|s| s.value);
            let (exact, optimal) = match exact {
                Ok(s) => {
                    let point = (Some(s.value), s.optimal);
                    previous = Some(s.funded);
                    point
                }
                Err(_) => {
                    previous = None;
                    (None, true)
                }
            };
            FrontierPoint {
                factor,
                budget,
                exact,
                greedy,
                optimal,
            }
        })
        .collect()
}

/// What one more unit of a limit is worth, measured over a step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marginal {
    /// How much the limit was raised.
    pub step: f64,
    /// (The optimum with the limit raised − the optimum) / `step`.
    pub per_unit: f64,
}

/// The marginal value of each limit that is set.
#[derive(Debug, Clone, PartialEq)]
pub struct Shadow {
    /// Per budget, in the order of [`Problem::budgets`]; `None` for one not set.
    pub budgets: Vec<Option<Marginal>>,
    /// `None` when the capacity is not set.
    pub capacity: Option<Marginal>,
}

/// What one more unit of each limit that is set is worth (money for a budget, a person-month
/// for the capacity): the problem solved again with that limit alone raised by a step (5% of
/// the limit, at least 1), from `sel`'s set, and the gain divided by the step. A finite
/// difference over the step, not a derivative: an integer program has no smooth marginal (its
/// value moves in jumps as whole candidates come to fit), so a smaller step often shows 0 and a
/// larger one an average over several jumps. `sel` is [`select`]'s answer for `p`; if it was not
/// proven optimal, the gain includes what the search finds beyond it.
pub fn shadow(p: &Problem, sel: &Selection) -> Shadow {
    let step_of = |limit: f64| (0.05 * limit.abs()).max(1.0);
    let raised = |q: Problem, step: f64| {
        let value = select_from(&q, &sel.funded).map_or(sel.value, |s| s.value);
        Marginal {
            step,
            per_unit: (value - sel.value) / step,
        }
    };
    let budgets = p
        .budgets
        .iter()
        .enumerate()
        .map(|(d, b)| {
            b.map(|b| {
                let step = step_of(b);
                let mut q = p.clone();
                q.budgets[d] = Some(b + step);
                raised(q, step)
            })
        })
        .collect();
    let capacity = p.capacity.map(|c| {
        let step = step_of(c);
        let mut q = p.clone();
        q.capacity = Some(c + step);
        raised(q, step)
    });
    Shadow { budgets, capacity }
}

/// What an unfunded candidate would take to be funded alongside the current set.
#[derive(Debug, Clone, PartialEq)]
pub struct Need {
    /// Per budget (in the order of [`Problem::budgets`]), how much more it would take; 0 for a
    /// budget not set or with room enough.
    pub extra: Vec<f64>,
    /// How many more person-months of capacity.
    pub capacity: f64,
    /// The funded alternative it would replace (its spend, and that of the funded candidates
    /// requiring it, which go with it, counted as freed).
    pub instead_of: Option<usize>,
    /// A candidate it needs (one of its requirements, or itself) that can never be funded with
    /// it: a mandatory rival holds its group, or two of them are alternatives of one group.
    pub blocked_by: Option<usize>,
}

/// How much more of each limit would let candidate `i` in alongside everything `sel` funds,
/// together with its unfunded requirements: per limit, `max(0, used + their spend − limit)`.
/// When one of them has a funded rival in its group, that rival (the first, the candidate's own
/// group's first) is named in `instead_of` and freed in the computation, with the funded
/// candidates that require it; a mandatory rival cannot be freed and blocks instead. Minimums
/// are not considered. All zero for a funded candidate (or one out of range).
pub fn need(p: &Problem, sel: &Selection, i: usize) -> Need {
    let n = p.candidates.len();
    let mut out = Need {
        extra: vec![0.0; p.budgets.len()],
        capacity: 0.0,
        instead_of: None,
        blocked_by: None,
    };
    let funded = |k: usize| sel.funded.get(k).copied().unwrap_or(false);
    if i >= n || funded(i) {
        return out;
    }
    let Ok(requires) = closure(p, i) else {
        out.blocked_by = Some(i);
        return out;
    };
    let mut members = vec![i];
    members.extend(requires.into_iter().filter(|&r| !funded(r)));
    let mut forced = vec![false; n];
    for (k, c) in p.candidates.iter().enumerate() {
        if c.mandatory {
            forced[k] = true;
            for r in closure(p, k).unwrap_or_default() {
                forced[r] = true;
            }
        }
    }
    let mut freed = vec![false; n];
    for &a in &members {
        let Some(g) = p.candidates[a].group else {
            continue;
        };
        let rivals = (0..n).filter(|&r| r != a && p.candidates[r].group == Some(g));
        for r in rivals {
            if members.contains(&r) || forced[r] {
                out.blocked_by.get_or_insert(a);
            } else if funded(r) {
                out.instead_of.get_or_insert(r);
                freed[r] = true;
            }
        }
    }
    // What requires a freed rival goes with it.
    let rivals = freed.clone();
    for (k, f) in freed.iter_mut().enumerate() {
        if funded(k) && closure(p, k).is_ok_and(|c| c.iter().any(|&r| rivals[r])) {
            *f = true;
        }
    }
    let kept: Vec<usize> = (0..n)
        .filter(|&k| funded(k) && !freed[k])
        .chain(members.iter().copied())
        .collect();
    for (d, b) in p.budgets.iter().enumerate() {
        if let Some(b) = b {
            let used: f64 = kept
                .iter()
                .map(|&k| p.candidates[k].spend.get(d).copied().unwrap_or(0.0))
                .sum();
            out.extra[d] = (used - b).max(0.0);
        }
    }
    if let Some(c) = p.capacity {
        let used: f64 = kept.iter().map(|&k| p.candidates[k].effort).sum();
        out.capacity = (used - c).max(0.0);
    }
    out
}

/// A set that reaches every minimum (within every limit and rule), found one minimum at a time:
/// for minimum `j`, the search maximising its amount with the minimums before it kept, from the
/// set found for those, stopping as soon as it reaches `j`'s least amount.
fn reach(p: &Problem) -> Result<Vec<bool>, Infeasible> {
    let mut set: Option<Vec<bool>> = None;
    for (j, mm) in p.minimums.iter().enumerate() {
        let mut q = p.clone();
        for (i, c) in q.candidates.iter_mut().enumerate() {
            c.value = mm.amount.get(i).copied().unwrap_or(0.0);
        }
        q.minimums.truncate(j);
        let found = search(&Model::new(&q)?, set.as_deref(), mm.at_least);
        if found.value < mm.at_least - tol(mm.at_least) {
            return Err(Infeasible::MinimumUnreachable {
                minimum: j,
                short: mm.at_least - found.value,
            });
        }
        set = Some(found.funded);
    }
    Ok(set.unwrap_or_else(|| vec![false; p.candidates.len()]))
}

/// Whether `set` keeps every rule of `p`: mandatory candidates and requirements funded, one of a
/// group at most, every limit and minimum (with the search's tolerance).
fn allowed(p: &Problem, set: &[bool]) -> bool {
    let n = p.candidates.len();
    if set.len() != n {
        return false;
    }
    let mut groups = std::collections::HashSet::new();
    for (i, c) in p.candidates.iter().enumerate() {
        if c.mandatory && !set[i] {
            return false;
        }
        if set[i] {
            if !c.requires.iter().all(|&r| r < n && set[r]) {
                return false;
            }
            if let Some(g) = c.group {
                if !groups.insert(g) {
                    return false;
                }
            }
        }
    }
    let sum = |f: &dyn Fn(usize) -> f64| (0..n).filter(|&i| set[i]).map(f).sum::<f64>();
    let within = |used: f64, limit: f64| used <= limit + tol(limit);
    for (d, b) in p.budgets.iter().enumerate() {
        let spend = |i: usize| p.candidates[i].spend.get(d).copied().unwrap_or(0.0);
        if b.is_some_and(|b| !within(sum(&spend), b)) {
            return false;
        }
    }
    if p.capacity
        .is_some_and(|c| !within(sum(&|i| p.candidates[i].effort), c))
    {
        return false;
    }
    p.minimums.iter().all(|mm| {
        let got = sum(&|i| mm.amount.get(i).copied().unwrap_or(0.0));
        got >= mm.at_least - tol(mm.at_least)
    })
}

/// The branch and bound on `m`, from `start` (a set keeping every rule) if given, stopping as
/// soon as a set of value `target` is found.
fn search(m: &Model, start: Option<&[bool]>, target: f64) -> Selection {
    let mut s = Search::new(m);
    s.target = target;
    s.offer();
    if let Some(start) = start {
        let value: f64 = (0..m.n).filter(|&i| start[i]).map(|i| m.v[i]).sum();
        if value > s.best_value + EPS {
            s.best_value = value;
            s.best.copy_from_slice(start);
            s.done = value >= target - tol(target);
        }
    }
    if !s.done {
        s.solve();
    }
    let gap = if s.stopped {
        (s.open_bound - s.best_value).max(0.0)
    } else {
        0.0
    };
    Selection {
        funded: s.best,
        value: s.best_value,
        optimal: !s.stopped,
        gap,
        nodes: s.nodes,
    }
}

impl Search<'_> {
    /// The search proper, from the root.
    fn solve(&mut self) {
        let m = self.m;
        self.reduce();
        // A first incumbent (by value), multipliers towards it, better incumbents by reduced
        // value and by value per unit of surrogate weight, improved by local search.
        self.build_order(&m.v);
        let order = self.order.clone();
        self.greedy_incumbent(&order);
        self.multipliers(0, 300, 1.0);
        let reduced: Vec<f64> = (0..m.n).map(|i| m.v[i] - self.s[i]).collect();
        let density: Vec<f64> = (0..m.n).map(|i| m.v[i] / self.s[i].max(1e-12)).collect();
        for key in [&reduced, &density] {
            self.build_order(key);
            let order = self.order.clone();
            self.greedy_incumbent(&order);
        }
        self.build_order(&reduced);
        let order = self.order.clone();
        self.local_search(&order);
        // Rounds of growing size: each short round tends to find a better incumbent, with which
        // the fixing at the root sets more aside for the next.
        let mut round: u64 = 4_000;
        while !self.done && !self.fix() {
            self.multipliers(0, 300, 1.0);
            self.cap = (self.nodes + round).min(NODE_LIMIT);
            self.stopped = false;
            self.open_bound = f64::NEG_INFINITY;
            self.run(0, 1.0);
            if !self.stopped || self.cap >= NODE_LIMIT {
                break;
            }
            round *= 4;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(value: f64, spend: f64, effort: f64) -> Candidate {
        Candidate {
            value,
            spend: vec![spend],
            effort,
            mandatory: false,
            requires: Vec::new(),
            group: None,
        }
    }

    #[test]
    fn a_knapsack_worked_by_hand() {
        // Budget 10: {a, b} = 6 + 4 spends 10 for 16; {c} alone spends 9 for 15; {a, c} is over.
        let p = Problem {
            candidates: vec![c(9.0, 6.0, 0.0), c(7.0, 4.0, 0.0), c(15.0, 9.0, 0.0)],
            budgets: vec![Some(10.0)],
            capacity: None,
            ..Default::default()
        };
        let s = select(&p).unwrap();
        assert_eq!(s.funded, vec![true, true, false]);
        assert_eq!(s.value, 16.0);
        assert!(s.optimal);
    }

    #[test]
    fn mandatory_requirements_and_alternatives_by_hand() {
        // d is mandatory and requires a; b and c are alternatives (group 0); budget 20.
        let mut p = Problem {
            candidates: vec![
                c(-2.0, 5.0, 0.0),
                c(10.0, 8.0, 0.0),
                c(12.0, 9.0, 0.0),
                c(4.0, 3.0, 0.0),
            ],
            budgets: vec![Some(20.0)],
            capacity: None,
            ..Default::default()
        };
        p.candidates[3].mandatory = true;
        p.candidates[3].requires = vec![0];
        p.candidates[1].group = Some(0);
        p.candidates[2].group = Some(0);
        let s = select(&p).unwrap();
        // a and d forced (spend 8, value 2); then c (9 → 17, value 14), not b as well.
        assert_eq!(s.funded, vec![true, false, true, true]);
        assert_eq!(s.value, 14.0);
        // Budget 7: the mandatory set alone (8) is over by 1.
        p.budgets = vec![Some(7.0)];
        assert_eq!(
            select(&p),
            Err(Infeasible::MandatoryOver {
                limit: Limit::Budget(0),
                over: 1.0
            })
        );
    }

    #[test]
    fn minimums_by_hand() {
        // Budget 10: a (10, spends 6), b (8, spends 5, strategic 5), c (3, spends 4, strategic
        // 4). Without a minimum: {a, c} spends 10 for 13 ({a, b} spends 11; {b, c} is worth 11).
        let mut p = Problem {
            candidates: vec![c(10.0, 6.0, 0.0), c(8.0, 5.0, 0.0), c(3.0, 4.0, 0.0)],
            budgets: vec![Some(10.0)],
            ..Default::default()
        };
        assert_eq!(select(&p).unwrap().value, 13.0);
        // Strategic at least 5: {a, c} has 4; {b, c} has 9, worth 11, and {b} alone only 8.
        let strategic = vec![0.0, 5.0, 4.0];
        p.minimums = vec![Minimum {
            amount: strategic.clone(),
            at_least: 5.0,
        }];
        let s = select(&p).unwrap();
        assert_eq!(s.funded, vec![false, true, true]);
        assert_eq!(s.value, 11.0);
        // At least 10: the most within the budget is {b, c}'s 9, short by 1.
        p.minimums[0].at_least = 10.0;
        assert_eq!(
            select(&p),
            Err(Infeasible::MinimumUnreachable {
                minimum: 0,
                short: 1.0
            })
        );
        // First a's spend at least 6 (a funded, 4 left), then strategic at least 5: with a, the
        // most strategic is c's 4, so the second minimum is short by 1.
        p.minimums = vec![
            Minimum {
                amount: vec![6.0, 0.0, 0.0],
                at_least: 6.0,
            },
            Minimum {
                amount: strategic,
                at_least: 5.0,
            },
        ];
        assert_eq!(
            select(&p),
            Err(Infeasible::MinimumUnreachable {
                minimum: 1,
                short: 1.0
            })
        );
    }

    #[test]
    fn a_cycle_and_an_unknown_requirement_are_refused() {
        let mut p = Problem {
            candidates: vec![c(1.0, 1.0, 0.0), c(1.0, 1.0, 0.0)],
            budgets: vec![None],
            capacity: None,
            ..Default::default()
        };
        p.candidates[0].requires = vec![1];
        p.candidates[1].requires = vec![0];
        assert_eq!(select(&p), Err(Infeasible::Circular { of: 0 }));
        p.candidates[1].requires = vec![5];
        assert_eq!(
            select(&p),
            Err(Infeasible::UnknownRequirement { of: 1, requires: 5 })
        );
    }
}
