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
    /// Suffix sums of the positive values of `order` (`optimistic[k]`: from position k on).
    optimistic: Vec<f64>,
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

    /// An upper bound on the value reachable from position `k` of `order` on: the positive
    /// values still to decide, and no more than the remaining room of each limit allows when the
    /// candidates fill it best value-per-unit first, fractionally (the knapsack relaxation of
    /// each limit on its own).
    fn bound(&self, k: usize) -> f64 {
        let rest = &self.order[k..];
        let mut best = self.optimistic[k];
        let dims = self.p.budgets.len();
        for d in 0..=dims {
            // The room left in limit `d` (the budgets, then the capacity), if it has one.
            let room = if d < dims {
                self.p.budgets[d].map(|b| b - self.used.spend[d])
            } else {
                self.p.capacity.map(|c| c - self.used.effort)
            };
            let Some(room) = room else { continue };
            let weight = |c: &Candidate| if d < dims { c.spend[d] } else { c.effort };
            let mut items: Vec<(f64, f64)> = rest
                .iter()
                .map(|&i| &self.p.candidates[i])
                .filter(|c| c.value > 0.0)
                .map(|c| (c.value, weight(c).max(0.0)))
                .collect();
            items.sort_by(|a, b| {
                let ra = if a.1 <= 0.0 { f64::INFINITY } else { a.0 / a.1 };
                let rb = if b.1 <= 0.0 { f64::INFINITY } else { b.0 / b.1 };
                rb.total_cmp(&ra)
            });
            let mut left = room.max(0.0);
            let mut total = 0.0;
            for (v, w) in items {
                if w <= left {
                    total += v;
                    left -= w;
                } else {
                    total += v * left / w;
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
    // The free candidates, requirements first (by how many each requires, which a requirement
    // always has fewer of), then by value.
    let mut order: Vec<usize> = (0..n).filter(|&i| !forced[i]).collect();
    order.sort_by(|&a, &b| {
        requires[a]
            .len()
            .cmp(&requires[b].len())
            .then(p.candidates[b].value.total_cmp(&p.candidates[a].value))
    });
    // A requirement can have as many requirements as what requires it only on a cycle, refused
    // above; so every requirement comes first.
    let mut optimistic = vec![0.0; order.len() + 1];
    for k in (0..order.len()).rev() {
        optimistic[k] = optimistic[k + 1] + p.candidates[order[k]].value.max(0.0);
    }
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
        optimistic,
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
