//! Paired, interleaved comparison of two ways of doing the same work, for a shared machine.
//!
//! Criterion measures one benchmark after the other; when other processes come and go, the
//! load drifts over seconds and two sequential estimates of nearly equal code can differ by
//! 20 % or more. Here the two sides alternate in short runs (A, B, then B, A, ...), each pair
//! sees about the same load, and the median of the per-pair ratios is reported. It cancels
//! drift, not noise within a run: the quartiles show what is left.

// Each bench binary uses a different subset of this module.
#![allow(dead_code)]

use std::time::Duration;

/// Rounds (pairs of runs) per comparison.
pub(crate) const ROUNDS: usize = 31;

/// The target length of one run.
pub(crate) const RUN: Duration = Duration::from_millis(80);

/// Whether this invocation measures (criterion's rule: `--bench` without `--test`) and its
/// filter, if any, is part of `id`. Under `cargo test --benches` paired rounds are skipped.
pub(crate) fn measuring(id: &str) -> bool {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    let mut filters = args.iter().filter(|a| !a.starts_with('-')).peekable();
    has("--bench")
        && !has("--test")
        && !has("--list")
        && (filters.peek().is_none() || filters.any(|f| id.contains(f.as_str())))
}

/// Compares `a` with `b`, each a function that does `n` operations and returns how long
/// they took, and prints `a`'s throughput over `b`'s: the median and quartiles of the
/// per-round ratios, and both mean rates. `unit` names one operation (`requests`).
pub(crate) fn compare(
    id: &str,
    unit: &str,
    ops_per_call: u64,
    mut a: impl FnMut(u64) -> Duration,
    mut b: impl FnMut(u64) -> Duration,
) {
    if !measuring(id) {
        return;
    }
    // Calibrate: how many calls make a run last about RUN.
    let probe = 20;
    a(probe);
    let t = b(probe).max(Duration::from_nanos(1));
    let n = ((RUN.as_secs_f64() / t.as_secs_f64()) * probe as f64).max(5.0) as u64;

    let mut ratios = Vec::with_capacity(ROUNDS);
    let (mut a_total, mut b_total) = (Duration::ZERO, Duration::ZERO);
    for round in 0..ROUNDS {
        let (ta, tb) = if round % 2 == 0 {
            let ta = a(n);
            (ta, b(n))
        } else {
            let tb = b(n);
            (a(n), tb)
        };
        a_total += ta;
        b_total += tb;
        // Same work on both sides: throughput ratio a/b is time b / time a.
        ratios.push(tb.as_secs_f64() / ta.as_secs_f64());
    }
    ratios.sort_by(f64::total_cmp);
    let q = |p: f64| ratios[((ratios.len() - 1) as f64 * p).round() as usize];
    let ops = (n * ops_per_call) as f64;
    let rounds = ROUNDS as f64;
    println!(
        "{id:<36} throughput / baseline: median {:.3} [p25 {:.3}, p75 {:.3}] over {ROUNDS} \
         rounds of {ops} {unit}; mean {:.0} vs {:.0} {unit}/s",
        q(0.5),
        q(0.25),
        q(0.75),
        ops * rounds / a_total.as_secs_f64(),
        ops * rounds / b_total.as_secs_f64(),
    );
}
