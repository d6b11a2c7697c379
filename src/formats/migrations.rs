//! The saved format's versions and the steps between them, as data: each step has an id, the
//! versions it goes from and to, a one-line description, and the function that does it.
//!
//! A step takes a whole document of its `from` version and returns one of its `to` version
//! (the runner then sets `version`). Version 0 is the bare scenario object that exports held
//! before the envelope; from version 1 on a document is
//! `{"format": "caseboard", "version": n, "data": {…scenario…}}`.
//!
//! A new version takes one step and one fixture: give the new fields their defaults here (so
//! that older files say explicitly what they meant), append the step, and add
//! `tests/fixtures/saved/v<n>-….json`. Every older fixture must keep loading with its figures.
//! A field added without a new version (read with its serde default when absent) needs no step.

use serde_json::{json, Map, Value};

/// One step of the chain.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// A stable name, for messages and tests.
    pub id: &'static str,
    pub from: u32,
    pub to: u32,
    /// What the step changes, in one line.
    pub description: &'static str,
    pub apply: fn(Value) -> Result<Value, String>,
}

/// Every step, in order: `MIGRATIONS[k]` goes from version `k` to `k + 1`.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        id: "envelope",
        from: 0,
        to: 1,
        description: "wraps a bare scenario object in the envelope {format, version, data}; \
                      the scenario's fields are unchanged",
        apply: wrap_in_envelope,
    },
    Migration {
        id: "simulation-settings",
        from: 1,
        to: 2,
        description: "adds the scenario's simulation settings with the values version 1 \
                      always used: 10,000 trials, seed 1",
        apply: add_simulation_settings,
    },
    Migration {
        id: "sources-and-cautious-defaults",
        from: 2,
        to: 3,
        description:
            "version 3 adds a source per input (`sources`, none in older files) and starts \
                      new benefits at cautious values (adoption 80%, recapture 50%, revenue lost \
                      50%, productivity lost 50%, margin 30%); a benefit input missing from an \
                      older file gets the 100% that version 2 meant",
        apply: keep_version_2_benefit_defaults,
    },
    Migration {
        id: "portfolio",
        from: 3,
        to: 4,
        description: "version 4 adds the portfolio (budgets per year, the team's capacity, what \
                      to maximise, shares by category) and each initiative's team effort, \
                      alternatives group, milestone and fixed start; an older file has none, \
                      which means no limit and no milestone, so its figures stay as they were",
        apply: nothing_to_add,
    },
    Migration {
        id: "goals-and-tracking",
        from: 4,
        to: 5,
        description: "version 5 adds business goals with their KPIs and readings, how actuals \
                      are judged (tolerance bands), and each initiative's status, goals served, \
                      decision log, baselines and monthly actuals; an older file has none: its \
                      initiatives are proposed, and its figures stay as they were",
        apply: nothing_to_add,
    },
];

/// The initiative fields version 5 added to the described (listed) ones: `link_c3` leaves them
/// out of older links' lists.
pub(crate) const VERSION_5_INITIATIVE_FIELDS: [&str; 1] = ["stage"];

/// The initiative fields version 4 added (`link_c3` leaves them out of older links' lists).
/// Today the same as `scenario::PORTFOLIO_INPUTS`, on purpose written out: this list is what
/// version 4 added and never changes, that one grows with later versions.
pub(crate) const VERSION_4_INITIATIVE_FIELDS: [&str; 6] = [
    "effort_pm",
    "alternatives",
    "needed_by_month",
    "if_late",
    "late_penalty_per_month",
    "fixed_start_month",
];

/// Version 3 → 4 and 4 → 5: nothing to write. Every new field's absence means what the older
/// version did: no budget, no capacity, no effort, no milestone, the objective NPV (4); no goal,
/// no actual, every initiative proposed (5).
fn nothing_to_add(doc: Value) -> Result<Value, String> {
    Ok(doc)
}

/// The benefit inputs whose value for a new benefit changed in version 3, with the value
/// version 2 gave them: (kind, field, version-2 value). `link_c3` reads `c3.` links with them too.
pub(crate) const VERSION_2_BENEFIT_DEFAULTS: [(&str, &str, f64); 5] = [
    ("hours_saved", "adoption_pct", 100.0),
    ("hours_saved", "recapture_pct", 100.0),
    ("outage_avoided", "revenue_impact_pct", 100.0),
    ("outage_avoided", "productivity_loss_pct", 100.0),
    ("revenue_gained", "margin_pct", 100.0),
];

/// Version 2 → 3: every benefit input of `VERSION_2_BENEFIT_DEFAULTS` that a file leaves out
/// gets its version-2 value, so reading it with version 3's defaults changes no figure. (Files
/// write every benefit input, so this only matters for one edited by hand.)
fn keep_version_2_benefit_defaults(mut doc: Value) -> Result<Value, String> {
    let data = doc
        .get_mut("data")
        .and_then(Value::as_object_mut)
        .ok_or("it holds no scenario object")?;
    let Some(Value::Array(initiatives)) = data.get_mut("initiatives") else {
        return Ok(doc);
    };
    for i in initiatives.iter_mut() {
        let Some(Value::Array(benefits)) = i.get_mut("benefits") else {
            continue;
        };
        for b in benefits.iter_mut().filter_map(Value::as_object_mut) {
            let kind = b
                .get("kind")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            for (k, field, v) in VERSION_2_BENEFIT_DEFAULTS {
                if k == kind && !b.contains_key(field) {
                    b.insert(field.into(), json!(v));
                }
            }
        }
    }
    Ok(doc)
}

/// The version this build writes, and the newest it reads.
pub const CURRENT_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].to;

/// Version 0 → 1: the bare scenario becomes the envelope's `data`.
fn wrap_in_envelope(doc: Value) -> Result<Value, String> {
    Ok(json!({ "format": super::saved::FORMAT, "version": 1, "data": doc }))
}

/// Version 1 → 2: `data.simulation = {"trials": 10000, "seed": 1}`, what every version-1
/// simulation ran with. (A `simulation` already there, which version 1 never wrote, is kept.)
fn add_simulation_settings(mut doc: Value) -> Result<Value, String> {
    let data = doc
        .get_mut("data")
        .and_then(Value::as_object_mut)
        .ok_or("it holds no scenario object")?;
    if !data.contains_key("simulation") {
        let mut settings = Map::new();
        settings.insert("trials".into(), json!(10_000));
        settings.insert("seed".into(), json!(1));
        data.insert("simulation".into(), Value::Object(settings));
    }
    Ok(doc)
}

/// Runs the steps of `steps` from version `from` on, in order, setting `version` after each.
/// An error names the step and the version it started from.
pub(crate) fn run(
    mut doc: Value,
    from: u32,
    steps: &[Migration],
) -> Result<Value, (u32, &'static str, String)> {
    for step in steps.iter().filter(|s| s.from >= from) {
        doc = (step.apply)(doc).map_err(|m| (step.from, step.id, m))?;
        if let Some(v) = doc.get_mut("version") {
            *v = json!(step.to);
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chain_goes_one_version_at_a_time_from_0_to_the_current() {
        for (k, step) in MIGRATIONS.iter().enumerate() {
            assert_eq!(
                (step.from, step.to),
                (k as u32, k as u32 + 1),
                "{}",
                step.id
            );
            assert!(!step.description.is_empty() && !step.description.contains('\n'));
        }
        let ids: std::collections::BTreeSet<_> = MIGRATIONS.iter().map(|s| s.id).collect();
        assert_eq!(ids.len(), MIGRATIONS.len(), "ids are unique");
    }

    #[test]
    fn version_0_to_1_wraps_the_bare_scenario_in_the_envelope() {
        let bare = json!({ "name": "Desk", "horizon_years": 4 });
        assert_eq!(
            (MIGRATIONS[0].apply)(bare).unwrap(),
            json!({ "format": "caseboard", "version": 1,
                    "data": { "name": "Desk", "horizon_years": 4 } })
        );
    }

    #[test]
    fn version_1_to_2_adds_the_simulation_settings_version_1_ran_with() {
        let v1 = json!({ "format": "caseboard", "version": 1, "data": { "name": "Desk" } });
        assert_eq!(
            run(v1, 1, &MIGRATIONS[..2]).unwrap(),
            json!({ "format": "caseboard", "version": 2,
                    "data": { "name": "Desk", "simulation": { "trials": 10000, "seed": 1 } } })
        );
        // Settings already there are not overwritten.
        let odd = json!({ "version": 1, "data": { "simulation": { "trials": 500 } } });
        assert_eq!(
            run(odd, 1, &MIGRATIONS[..2]).unwrap(),
            json!({ "version": 2, "data": { "simulation": { "trials": 500 } } })
        );
        assert_eq!(
            run(json!({ "version": 1, "data": 5 }), 1, MIGRATIONS).unwrap_err(),
            (
                1,
                "simulation-settings",
                "it holds no scenario object".to_string()
            )
        );
    }

    #[test]
    fn a_bare_scenario_runs_every_step() {
        assert_eq!(
            run(json!({ "name": "Desk" }), 0, MIGRATIONS).unwrap(),
            json!({ "format": "caseboard", "version": 5,
                    "data": { "name": "Desk", "simulation": { "trials": 10000, "seed": 1 } } })
        );
    }

    #[test]
    fn version_3_to_4_adds_nothing_no_budget_means_no_limit() {
        let v3 =
            json!({ "version": 3, "data": { "name": "Desk", "initiatives": [ { "id": "a" } ] } });
        let v4 = run(v3.clone(), 3, &MIGRATIONS[..4]).unwrap();
        assert_eq!(v4["data"], v3["data"]);
        assert_eq!(v4["version"], json!(4));
    }

    #[test]
    fn version_4_to_5_adds_nothing_no_goal_and_every_initiative_proposed() {
        let v4 =
            json!({ "version": 4, "data": { "name": "Desk", "initiatives": [ { "id": "a" } ] } });
        let v5 = run(v4.clone(), 4, MIGRATIONS).unwrap();
        assert_eq!(v5["data"], v4["data"]);
        assert_eq!(v5["version"], json!(5));
    }

    #[test]
    fn version_2_to_3_gives_missing_benefit_inputs_the_100_percent_version_2_meant() {
        let v2 = json!({ "version": 2, "data": { "initiatives": [ { "benefits": [
            { "kind": "hours_saved", "hours": 10, "recapture_pct": 60 },
            { "kind": "outage_avoided" },
            { "kind": "revenue_gained", "margin_pct": 40 },
            { "kind": "cost_avoided" }
        ] } ] } });
        let v3 = run(v2, 2, &MIGRATIONS[..3]).unwrap();
        assert_eq!(
            v3["data"]["initiatives"][0]["benefits"],
            json!([
                { "kind": "hours_saved", "hours": 10, "recapture_pct": 60, "adoption_pct": 100.0 },
                { "kind": "outage_avoided", "revenue_impact_pct": 100.0, "productivity_loss_pct": 100.0 },
                { "kind": "revenue_gained", "margin_pct": 40 },
                { "kind": "cost_avoided" }
            ])
        );
        assert_eq!(v3["version"], json!(3));
    }

    fn log(tag: &'static str) -> fn(Value) -> Result<Value, String> {
        match tag {
            "a" => |mut v| {
                v["log"].as_array_mut().unwrap().push("a".into());
                Ok(v)
            },
            "b" => |mut v| {
                v["log"].as_array_mut().unwrap().push("b".into());
                Ok(v)
            },
            _ => |_| Err("no luck".into()),
        }
    }

    #[test]
    fn steps_run_in_order_from_the_files_version() {
        let step = |from, id: &'static str, tag| Migration {
            id,
            from,
            to: from + 1,
            description: "test",
            apply: log(tag),
        };
        let steps = [step(0, "s0", "a"), step(1, "s1", "b"), step(2, "s2", "a")];
        let start = || json!({ "log": [], "version": 0 });
        assert_eq!(
            run(start(), 0, &steps).unwrap(),
            json!({ "log": ["a", "b", "a"], "version": 3 })
        );
        assert_eq!(run(start(), 2, &steps).unwrap()["log"], json!(["a"]));
        assert_eq!(run(start(), 3, &steps).unwrap()["log"], json!([]));
        let failing = [step(0, "s0", "a"), step(1, "broken", "x")];
        assert_eq!(
            run(start(), 0, &failing).unwrap_err(),
            (1, "broken", "no luck".to_string())
        );
    }
}
