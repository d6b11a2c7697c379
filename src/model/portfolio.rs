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
//! the problem is infeasible and the answer says which limit and by how much.

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

/// Candidates and limits.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Problem {
    pub candidates: Vec<Candidate>,
    /// The budgets, each the most the funded candidates may spend against it; `None`: no limit.
    pub budgets: Vec<Option<f64>>,
    /// The team's capacity in person-months; `None`: no limit.
    pub capacity: Option<f64>,
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

/// Nodes visited before the search stops with the best set found (and its gap).
pub const NODE_LIMIT: u64 = 2_000_000;

const EPS: f64 = 1e-9;

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

/// What the funded set uses of each limit so far.
#[derive(Clone)]
struct Use {
    spend: Vec<f64>,
    effort: f64,
}

impl Use {
    fn add(&mut self, c: &Candidate) {
        for (s, x) in self.spend.iter_mut().zip(&c.spend) {
            *s += x;
        }
        self.effort += c.effort;
    }

    fn remove(&mut self, c: &Candidate) {
        for (s, x) in self.spend.iter_mut().zip(&c.spend) {
            *s -= x;
        }
        self.effort -= c.effort;
    }

    /// The first limit broken, and by how much.
    fn over(&self, p: &Problem) -> Option<(Limit, f64)> {
        for (k, (s, b)) in self.spend.iter().zip(&p.budgets).enumerate() {
            if let Some(b) = b {
                if *s > b + EPS * b.abs().max(1.0) {
                    return Some((Limit::Budget(k), s - b));
                }
            }
        }
        match p.capacity {
            Some(c) if self.effort > c + EPS * c.abs().max(1.0) => {
                Some((Limit::Capacity, self.effort - c))
            }
            _ => None,
        }
    }
}

/// The room left in each limit (the budgets, then the capacity; 0 for one not set, whose
/// multiplier is always 0).
fn rooms(p: &Problem, used: &Use) -> Vec<f64> {
    let mut out: Vec<f64> = p
        .budgets
        .iter()
        .zip(&used.spend)
        .map(|(b, s)| b.map_or(0.0, |b| b - s))
        .collect();
    out.push(p.capacity.map_or(0.0, |c| c - used.effort));
    out
}

/// What a candidate uses of each limit, in the order of [`rooms`].
fn weights(c: &Candidate) -> impl Iterator<Item = f64> + '_ {
    c.spend.iter().copied().chain(std::iter::once(c.effort))
}

/// A candidate's value less what it uses of the limits priced at `lambda`.
fn reduced_value(c: &Candidate, lambda: &[f64]) -> f64 {
    c.value - weights(c).zip(lambda).map(|(w, l)| w * l).sum::<f64>()
}

/// Multipliers that make the Lagrangian bound of the free candidates `free` tight: subgradient
/// steps (Polyak's rule towards `floor`, a value some set reaches) from λ = 0, keeping the best.
/// Any λ ≥ 0 gives a valid bound; a better λ only prunes more.
fn multipliers(p: &Problem, free: &[usize], room: &[f64], floor: f64) -> Vec<f64> {
    let dims = room.len();
    let set: Vec<bool> = (0..dims)
        .map(|d| {
            if d < p.budgets.len() {
                p.budgets[d].is_some()
            } else {
                p.capacity.is_some()
            }
        })
        .collect();
    let lagrangian = |lambda: &[f64]| -> (f64, Vec<f64>) {
        let mut value: f64 = lambda.iter().zip(room).map(|(l, r)| l * r).sum();
        let mut g = room.to_vec();
        for &i in free {
            let c = &p.candidates[i];
            let r = reduced_value(c, lambda);
            if r > 0.0 {
                value += r;
                for (gd, w) in g.iter_mut().zip(weights(c)) {
                    *gd -= w;
                }
            }
        }
        (value, g)
    };
    let mut lambda = vec![0.0; dims];
    let (mut best_value, _) = lagrangian(&lambda);
    let mut best = lambda.clone();
    let mut theta = 1.0;
    let mut stale = 0;
    for _ in 0..400 {
        let (value, g) = lagrangian(&lambda);
        if value < best_value - EPS {
            best_value = value;
            best.clone_from(&lambda);
            stale = 0;
        } else {
            stale += 1;
            if stale >= 20 {
                theta /= 2.0;
                stale = 0;
            }
        }
        let norm: f64 = g
            .iter()
            .zip(&set)
            .filter(|(_, on)| **on)
            .map(|(x, _)| x * x)
            .sum();
        if norm <= 0.0 || value - floor <= EPS || theta < 1e-6 {
            break;
        }
        let step = theta * (value - floor) / norm;
        for ((l, gd), on) in lambda.iter_mut().zip(&g).zip(&set) {
            if *on {
                *l = (*l - step * gd).max(0.0);
            }
        }
    }
    best
}

struct Search<'a> {
    p: &'a Problem,
    /// The free candidates in the order they are decided: every requirement before what requires
    /// it.
    order: Vec<usize>,
    funded: Vec<bool>,
    /// Funded candidates per group.
    in_group: Vec<usize>,
    used: Use,
    value: f64,
    best: Vec<bool>,
    best_value: f64,
    nodes: u64,
    stopped: bool,
    /// The largest bound left unexplored when the search stopped.
    open_bound: f64,
    /// The Lagrange multipliers of the limits (budgets, then the capacity; 0 for a limit not set),
    /// found once at the root.
    lambda: Vec<f64>,
    /// Each candidate's position in `order` (forced ones: none).
    position: Vec<usize>,
    /// For each limit that is set, the free candidates of positive value, best value per unit of
    /// that limit first (for the fractional knapsack bound).
    by_density: Vec<(usize, Vec<usize>)>,
}

impl Search<'_> {
    /// Whether candidate `i` may be funded now: its requirements funded, no rival funded, every
    /// limit kept.
    fn can_fund(&self, i: usize) -> bool {
        let c = &self.p.candidates[i];
        if !c.requires.iter().all(|&r| self.funded[r]) {
            return false;
        }
        if c.group.is_some_and(|g| self.in_group[g] > 0) {
            return false;
        }
        let mut u = self.used.clone();
        u.add(c);
        u.over(self.p).is_none()
    }

    /// Whether undecided candidate `i` can no longer be funded at position `k`: a requirement was
    /// decided against.
    fn dead(&self, i: usize, k: usize) -> bool {
        self.p.candidates[i]
            .requires
            .iter()
            .any(|&r| self.position[r] < k && !self.funded[r])
    }

    fn fund(&mut self, i: usize, on: bool) {
        let c = &self.p.candidates[i];
        if on {
            self.used.add(c);
            self.value += c.value;
            if let Some(g) = c.group {
                self.in_group[g] += 1;
            }
        } else {
            self.used.remove(c);
            self.value -= c.value;
            if let Some(g) = c.group {
                self.in_group[g] -= 1;
            }
        }
        self.funded[i] = on;
    }

    /// An upper bound on the value reachable from position `k` of `order` on: the least of the
    /// positive values still to decide, the Lagrangian bound with the root's multipliers — for
    /// any set S of the rest within the limits, Σ v = Σ (v − λ·w) + λ·Σ w ≤ Σ max(0, v − λ·w) +
    /// λ·room, since each limit's use is within its room and λ ≥ 0 — and, when that does not
    /// prune, each limit's fractional knapsack. Of a group of alternatives only the best counts.
    fn bound(&self, k: usize) -> f64 {
        let rooms = rooms(self.p, &self.used);
        let priced: f64 = self.lambda.iter().zip(&rooms).map(|(l, r)| l * r).sum();
        // The undecided candidates' positive values and reduced values; of a group of
        // alternatives, only its best (none if one of the group is funded already).
        let (mut plain, mut reduced) = (0.0, 0.0);
        let mut group_best = vec![(0.0f64, 0.0f64); self.in_group.len()];
        for &i in &self.order[k..] {
            let c = &self.p.candidates[i];
            if self.dead(i, k) {
                continue;
            }
            let r = reduced_value(c, &self.lambda);
            match c.group {
                Some(g) if self.in_group[g] > 0 => {}
                Some(g) => {
                    let b = &mut group_best[g];
                    b.0 = b.0.max(c.value);
                    b.1 = b.1.max(r);
                }
                None => {
                    plain += c.value.max(0.0);
                    reduced += r.max(0.0);
                }
            }
        }
        for (v, r) in group_best {
            plain += v;
            reduced += r;
        }
        let lagrangian = self.value + plain.min(priced + reduced);
        if lagrangian <= self.best_value + EPS {
            return lagrangian;
        }
        // Not enough to prune: each limit on its own, its room filled fractionally by the
        // undecided candidates, best value per unit first.
        let mut best = lagrangian - self.value;
        for (d, list) in &self.by_density {
            let mut left = rooms[*d].max(0.0);
            let mut total = 0.0;
            for &i in list
                .iter()
                .filter(|&&i| self.position[i] >= k && !self.dead(i, k))
            {
                let c = &self.p.candidates[i];
                let w = weights(c).nth(*d).unwrap_or(0.0).max(0.0);
                if w <= left {
                    total += c.value;
                    left -= w;
                } else {
                    total += c.value * left / w;
                    break;
                }
            }
            best = best.min(total);
        }
        self.value + best
    }

    fn run(&mut self, k: usize) {
        self.nodes += 1;
        if self.value > self.best_value + EPS {
            self.best_value = self.value;
            self.best.clone_from(&self.funded);
        }
        if k == self.order.len() {
            return;
        }
        let bound = self.bound(k);
        if bound <= self.best_value + EPS {
            return;
        }
        if self.nodes >= NODE_LIMIT {
            self.stopped = true;
            self.open_bound = self.open_bound.max(bound);
            return;
        }
        let i = self.order[k];
        // Fund first (the likelier branch to find a good set early), then not.
        if self.can_fund(i) {
            self.fund(i, true);
            self.run(k + 1);
            self.fund(i, false);
        }
        self.run(k + 1);
    }
}

/// The set of largest total value within every limit (see the module's description).
pub fn select(p: &Problem) -> Result<Selection, Infeasible> {
    let n = p.candidates.len();
    // What each candidate requires, directly or not; cycles and unknown ids refused.
    let mut requires = Vec::with_capacity(n);
    for i in 0..n {
        requires.push(closure(p, i)?);
    }
    // The mandatory candidates and what they require.
    let mut forced = vec![false; n];
    for (i, c) in p.candidates.iter().enumerate() {
        if c.mandatory {
            forced[i] = true;
            for &r in &requires[i] {
                forced[r] = true;
            }
        }
    }
    let groups = p
        .candidates
        .iter()
        .filter_map(|c| c.group)
        .max()
        .map_or(0, |g| g + 1);
    let mut in_group = vec![0usize; groups];
    let mut owner: Vec<Option<usize>> = vec![None; groups];
    let mut used = Use {
        spend: vec![0.0; p.budgets.len()],
        effort: 0.0,
    };
    let mut value = 0.0;
    for i in (0..n).filter(|&i| forced[i]) {
        let c = &p.candidates[i];
        if let Some(g) = c.group {
            if let Some(a) = owner[g] {
                return Err(Infeasible::MandatoryRivals { a, b: i });
            }
            owner[g] = Some(i);
            in_group[g] += 1;
        }
        used.add(c);
        value += c.value;
    }
    if let Some((limit, over)) = used.over(p) {
        return Err(Infeasible::MandatoryOver { limit, over });
    }
    // A value some set reaches, for the multipliers' steps: the mandatory set, then each free
    // candidate by value if it still fits.
    let free: Vec<usize> = (0..n).filter(|&i| !forced[i]).collect();
    let room = rooms(p, &used);
    let floor = {
        let mut by_value = free.clone();
        by_value.sort_by(|&a, &b| p.candidates[b].value.total_cmp(&p.candidates[a].value));
        let mut u = used.clone();
        let mut taken = forced.clone();
        let mut groups = in_group.clone();
        let mut v = 0.0;
        for i in by_value {
            let c = &p.candidates[i];
            let rival = c.group.is_some_and(|g| groups[g] > 0);
            if c.value <= 0.0 || rival || !c.requires.iter().all(|&r| taken[r]) {
                continue;
            }
            u.add(c);
            if u.over(p).is_some() {
                u.remove(c);
                continue;
            }
            taken[i] = true;
            if let Some(g) = c.group {
                groups[g] += 1;
            }
            v += c.value;
        }
        v
    };
    let lambda = multipliers(p, &free, &room, floor);
    // The order of the decisions: the best reduced value first, every requirement before what
    // requires it.
    let mut order: Vec<usize> = Vec::with_capacity(free.len());
    let mut placed = forced.clone();
    let mut waiting = free.clone();
    waiting.sort_by(|&a, &b| {
        reduced_value(&p.candidates[b], &lambda)
            .total_cmp(&reduced_value(&p.candidates[a], &lambda))
    });
    while !waiting.is_empty() {
        let at = waiting
            .iter()
            .position(|&i| requires[i].iter().all(|&r| placed[r]))
            .unwrap_or(0);
        let i = waiting.remove(at);
        placed[i] = true;
        order.push(i);
    }
    let mut position = vec![usize::MAX; n];
    for (k, &i) in order.iter().enumerate() {
        position[i] = k;
    }
    let limits = room.len();
    let by_density: Vec<(usize, Vec<usize>)> = (0..limits)
        .filter(|&d| {
            if d < p.budgets.len() {
                p.budgets[d].is_some()
            } else {
                p.capacity.is_some()
            }
        })
        .map(|d| {
            let w = |i: usize| weights(&p.candidates[i]).nth(d).unwrap_or(0.0).max(0.0);
            let density = |i: usize| match w(i) {
                x if x <= 0.0 => f64::INFINITY,
                x => p.candidates[i].value / x,
            };
            let mut list: Vec<usize> = free
                .iter()
                .copied()
                .filter(|&i| p.candidates[i].value > 0.0)
                .collect();
            list.sort_by(|&a, &b| density(b).total_cmp(&density(a)));
            (d, list)
        })
        .collect();
    let mut s = Search {
        p,
        order,
        funded: forced.clone(),
        in_group,
        used,
        value,
        best: forced,
        best_value: value,
        nodes: 0,
        stopped: false,
        open_bound: f64::NEG_INFINITY,
        lambda,
        position,
        by_density,
    };
    s.run(0);
    let gap = if s.stopped {
        (s.open_bound - s.best_value).max(0.0)
    } else {
        0.0
    };
    Ok(Selection {
        funded: s.best,
        value: s.best_value,
        optimal: !s.stopped,
        gap,
        nodes: s.nodes,
    })
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
    fn a_cycle_and_an_unknown_requirement_are_refused() {
        let mut p = Problem {
            candidates: vec![c(1.0, 1.0, 0.0), c(1.0, 1.0, 0.0)],
            budgets: vec![None],
            capacity: None,
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
