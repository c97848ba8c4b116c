//! Text as kubectl prints it (spec g.4): the `kubectl get ds` row, label and
//! selector formatting, the pod STATUS column, ages, and the column layout.
//! Used by the CLI's table output and by the web page; plain string building,
//! no formatting machinery, never panics.

use crate::model::{DaemonSet, LabelSelector, Pod, Timestamp};
use crate::plan::Status;

/// The column headers of `kubectl get ds` (`-o wide` adds three).
// Models pkg/printers/internalversion/printers.go AddHandlers daemonSetColumnDefinitions
// (kubectl prints the names upper-cased)
pub fn get_ds_header(wide: bool) -> Vec<&'static str> {
    let mut header = vec![
        "NAME",
        "DESIRED",
        "CURRENT",
        "READY",
        "UP-TO-DATE",
        "AVAILABLE",
        "NODE SELECTOR",
        "AGE",
    ];
    if wide {
        header.extend(["CONTAINERS", "IMAGES", "SELECTOR"]);
    }
    header
}

/// One `kubectl get ds` row: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE
/// SELECTOR AGE, and with `wide` CONTAINERS IMAGES SELECTOR. `age` is given
/// (see [`age_since`]).
///
/// The wide SELECTOR cell is `selector.String()`, not `FormatLabelSelector`: an
/// absent or empty selector prints as an empty cell (the API rejects both for a
/// DaemonSet), and a selector that cannot be parsed (where upstream's printer
/// fails) prints `<error>`.
// Models pkg/printers/internalversion/printers.go printDaemonSet
pub fn get_ds_row(ds: &DaemonSet, status: &Status, age: &str, wide: bool) -> Vec<String> {
    let mut row = vec![
        ds.meta.name.clone(),
        status.desired_number_scheduled.to_string(),
        status.current_number_scheduled.to_string(),
        status.number_ready.to_string(),
        status.updated_number_scheduled.to_string(),
        status.number_available.to_string(),
        node_selector_text(ds),
        age.to_string(),
    ];
    if wide {
        // Models printers.go layoutContainerCells
        let containers = &ds.spec.template.spec.containers;
        let names: Vec<&str> = containers.iter().map(|c| c.name.as_str()).collect();
        let images: Vec<&str> = containers.iter().map(|c| c.image.as_str()).collect();
        row.push(names.join(","));
        row.push(images.join(","));
        row.push(
            selector_string(ds.spec.selector.as_ref()).unwrap_or_else(|| "<error>".to_string()),
        );
    }
    row
}

/// The template's nodeSelector as `k1=v1,k2=v2`, `<none>` when empty. Sorted as
/// whole `key=value` strings, as upstream does (not by key: `a.b=x` sorts before `a=y`).
// Models k8s.io/apimachinery/pkg/labels/labels.go FormatLabels / Set.String
pub fn node_selector_text(ds: &DaemonSet) -> String {
    let mut pairs: Vec<String> = ds
        .spec
        .template
        .spec
        .node_selector
        .iter()
        .map(|(key, value)| {
            let mut pair = key.clone();
            pair.push('=');
            pair.push_str(value);
            pair
        })
        .collect();
    if pairs.is_empty() {
        return "<none>".to_string();
    }
    crate::sorting::sort_by(&mut pairs, Ord::cmp);
    pairs.join(",")
}

/// A label selector as kubectl describes it: `app=x,key in (a,b),!k,k`;
/// `<none>` for an absent or empty selector, `<error>` when it cannot be parsed
/// (unknown operator, wrong number of values, invalid key or value).
// Models k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go FormatLabelSelector
pub fn label_selector_text(sel: Option<&LabelSelector>) -> String {
    match selector_string(sel) {
        None => "<error>".to_string(),
        Some(text) if text.is_empty() => "<none>".to_string(),
        Some(text) => text,
    }
}

/// `LabelSelectorAsSelector(sel).String()`; None when the conversion fails.
// Models k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector
// and k8s.io/apimachinery/pkg/labels/selector.go internalSelector.String / Requirement.String
fn selector_string(sel: Option<&LabelSelector>) -> Option<String> {
    // nil → labels.Nothing(), empty → labels.Everything(): both print as "".
    let Some(sel) = sel else {
        return Some(String::new());
    };
    let mut requirements: Vec<(&str, String)> = Vec::new();
    for (key, value) in &sel.match_labels {
        if !is_qualified_name(key) || !is_label_value(value) {
            return None;
        }
        let mut text = key.clone();
        text.push('=');
        text.push_str(value);
        requirements.push((key.as_str(), text));
    }
    for expr in &sel.match_expressions {
        // Models selector.go NewRequirement (key, value count and value syntax checks)
        let (prefix, infix, needs_values) = match expr.operator.as_str() {
            "In" => ("", " in ", true),
            "NotIn" => ("", " notin ", true),
            "Exists" => ("", "", false),
            "DoesNotExist" => ("!", "", false),
            _ => return None,
        };
        if !is_qualified_name(&expr.key)
            || needs_values == expr.values.is_empty()
            || !expr.values.iter().all(|v| is_label_value(v))
        {
            return None;
        }
        let mut text = String::from(prefix);
        text.push_str(&expr.key);
        if needs_values {
            // Models selector.go Requirement.String: values sorted, duplicates kept
            let mut values: Vec<&str> = expr.values.iter().map(String::as_str).collect();
            crate::sorting::sort_by(&mut values, |a, b| a.cmp(b));
            text.push_str(infix);
            text.push('(');
            text.push_str(&values.join(","));
            text.push(')');
        }
        requirements.push((expr.key.as_str(), text));
    }
    // Models selector.go internalSelector.Add: sorted by key (stable here; upstream's
    // sort of so few elements is an insertion sort, also stable).
    crate::sorting::sort_by(&mut requirements, |a, b| a.0.cmp(b.0));
    let texts: Vec<String> = requirements.into_iter().map(|(_, text)| text).collect();
    Some(texts.join(","))
}

/// The STATUS column of `kubectl get pods`, for what the model holds: the phase
/// (`Pending` when absent), or `Terminating` when a deletionTimestamp is set on a
/// pod that is not Succeeded/Failed.
// Models pkg/printers/internalversion/printers.go printPod (phase and deletion branches)
pub fn pod_status_text(pod: &Pod) -> String {
    let phase = if pod.phase.is_empty() {
        "Pending"
    } else {
        pod.phase.as_str()
    };
    if pod.meta.deletion_timestamp.is_some() && !pod.is_terminal() {
        return "Terminating".to_string();
    }
    phase.to_string()
}

/// Columns as kubectl's tab writer lays them out: left-aligned, each column as
/// wide as its widest cell plus 3 spaces and at least 6 characters, the last
/// column unpadded; trailing spaces removed; every line ends with `\n`; an
/// empty `header` prints no header line (`--no-headers`). Widths
/// count characters. A cell is cut at its first line break and `...` added.
// Models k8s.io/cli-runtime/pkg/printers/tabwriter.go GetNewTabWriter
// (minwidth 6, padding 3) and tableprinter.go printRows (line-break truncation)
pub fn format_table(header: &[&str], rows: &[Vec<String>]) -> String {
    const MIN_WIDTH: usize = 6;
    const PADDING: usize = 3;
    let header_line = (!header.is_empty()).then(|| header.iter().map(|h| one_line(h)).collect());
    let lines: Vec<Vec<String>> = header_line
        .into_iter()
        .chain(
            rows.iter()
                .map(|row| row.iter().map(|cell| one_line(cell)).collect()),
        )
        .collect();
    let mut widths: Vec<usize> = Vec::new();
    for line in &lines {
        // The last cell of a line ends no column, so it does not widen one.
        for (i, cell) in line.iter().enumerate().take(line.len().saturating_sub(1)) {
            let width = (cell.chars().count() + PADDING).max(MIN_WIDTH);
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(width),
                None => widths.push(width),
            }
        }
    }
    let mut out = String::new();
    for line in &lines {
        let mut text = String::new();
        for (i, cell) in line.iter().enumerate() {
            text.push_str(cell);
            if i + 1 < line.len() {
                let width = widths.get(i).copied().unwrap_or(0);
                let pad = width.saturating_sub(cell.chars().count());
                text.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(text.trim_end_matches(' '));
        out.push('\n');
    }
    out
}

/// A cell up to its first `\n`, `\r` or `\f`, with `...` when cut.
fn one_line(cell: &str) -> String {
    match cell.find(['\n', '\r', '\u{c}']) {
        Some(at) => {
            let mut text = cell[..at].to_string();
            text.push_str("...");
            text
        }
        None => cell.to_string(),
    }
}

/// The AGE column: `<unknown>` without a creation timestamp, else
/// [`human_age`] of the time since it.
// Models pkg/printers/internalversion/printers.go translateTimestampSince
pub fn age_since(created: Option<Timestamp>, now: Timestamp) -> String {
    match created {
        None => "<unknown>".to_string(),
        Some(created) => human_age(now.saturating_sub(created)),
    }
}

/// kubectl's age text, ~2–3 significant figures: `0s`, `45s`, `119s`, `2m`,
/// `5m30s`, `10m`, `179m`, `3h`, `3h1m`, `8h`, `47h`, `2d`, `2d1h`, `8d`, `729d`,
/// `2y`, `2y1d`, `8y`; `<invalid>` below -1s (a clock skew of one second is `0s`).
// Models k8s.io/apimachinery/pkg/util/duration/duration.go HumanDuration
pub fn human_age(seconds: i64) -> String {
    fn text(parts: &[(i64, &str)]) -> String {
        let mut out = String::new();
        for (value, unit) in parts {
            out.push_str(&value.to_string());
            out.push_str(unit);
        }
        out
    }
    if seconds < -1 {
        return "<invalid>".to_string();
    }
    if seconds < 0 {
        return "0s".to_string();
    }
    if seconds < 60 * 2 {
        return text(&[(seconds, "s")]);
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 {
            text(&[(minutes, "m")])
        } else {
            text(&[(minutes, "m"), (s, "s")])
        };
    }
    if minutes < 60 * 3 {
        return text(&[(minutes, "m")]);
    }
    let hours = seconds / 3600;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            text(&[(hours, "h")])
        } else {
            text(&[(hours, "h"), (m, "m")])
        };
    }
    if hours < 48 {
        return text(&[(hours, "h")]);
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            text(&[(hours / 24, "d")])
        } else {
            text(&[(hours / 24, "d"), (h, "h")])
        };
    }
    if hours < 24 * 365 * 2 {
        return text(&[(hours / 24, "d")]);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        let years = hours / 24 / 365;
        return if dy == 0 {
            text(&[(years, "y")])
        } else {
            text(&[(years, "y"), (dy, "d")])
        };
    }
    text(&[(hours / 24 / 365, "y")])
}

fn is_qualified_name(value: &str) -> bool {
    crate::validation::label_key_errors(value).is_empty()
}

fn is_label_value(value: &str) -> bool {
    crate::validation::label_value_errors(value).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Container, LabelSelectorRequirement, ObjectMeta};

    fn expr(key: &str, operator: &str, values: &[&str]) -> LabelSelectorRequirement {
        LabelSelectorRequirement {
            key: key.into(),
            operator: operator.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    fn selector(labels: &[(&str, &str)], exprs: Vec<LabelSelectorRequirement>) -> LabelSelector {
        LabelSelector {
            match_labels: labels
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            match_expressions: exprs,
        }
    }

    fn daemon_set() -> DaemonSet {
        let mut ds = DaemonSet::default();
        ds.meta.name = "fluentd".into();
        ds.spec.selector = Some(selector(&[("app", "fluentd")], vec![]));
        ds.spec.template.spec.containers = vec![
            Container {
                name: "main".into(),
                image: "fluentd:1.0".into(),
                ..Default::default()
            },
            Container {
                name: "side".into(),
                image: "busybox".into(),
                ..Default::default()
            },
        ];
        ds
    }

    fn status() -> Status {
        Status {
            desired_number_scheduled: 3,
            current_number_scheduled: 2,
            number_misscheduled: 0,
            number_ready: 1,
            number_available: 1,
            updated_number_scheduled: 2,
            number_unavailable: 2,
        }
    }

    #[test]
    fn human_duration_table() {
        // k8s.io/apimachinery/pkg/util/duration/duration_test.go TestHumanDuration / ...Boundaries
        let minute = 60;
        let hour = 60 * minute;
        let day = 24 * hour;
        let year = 365 * day;
        let cases: &[(i64, &str)] = &[
            (-2, "<invalid>"),
            (-1, "0s"),
            (0, "0s"),
            (1, "1s"),
            (45, "45s"),
            (70, "70s"),
            (119, "119s"),
            (2 * minute, "2m"),
            (2 * minute + 1, "2m1s"),
            (190, "3m10s"),
            (5 * minute + 30, "5m30s"),
            (10 * minute - 1, "9m59s"),
            (10 * minute, "10m"),
            (10 * minute + 1, "10m"),
            (70 * minute, "70m"),
            (3 * hour - 1, "179m"),
            (3 * hour, "3h"),
            (3 * hour + minute, "3h1m"),
            (8 * hour - 1, "7h59m"),
            (8 * hour, "8h"),
            (8 * hour + 59 * minute, "8h"),
            (47 * hour, "47h"),
            (2 * day - 1, "47h"),
            (2 * day, "2d"),
            (49 * hour, "2d1h"),
            (8 * day - 1, "7d23h"),
            (8 * day, "8d"),
            (8 * day + 23 * hour, "8d"),
            (367 * day, "367d"),
            (2 * year - 1, "729d"),
            (2 * year, "2y"),
            (2 * year + 24 * hour - 1, "2y"),
            (2 * year + 25 * hour, "2y1d"),
            (2 * year + day, "2y1d"),
            (5 * year, "5y"),
            (8 * year - 1, "7y364d"),
            (8 * year, "8y"),
            (8 * year + 364 * day, "8y"),
            (9 * year, "9y"),
        ];
        for (seconds, want) in cases {
            assert_eq!(human_age(*seconds), *want, "{seconds}s");
        }
        let _ = human_age(i64::MAX);
        assert_eq!(human_age(i64::MIN), "<invalid>");
    }

    #[test]
    fn age_since_unknown_and_known() {
        assert_eq!(age_since(None, 100), "<unknown>");
        assert_eq!(age_since(Some(100), 400), "5m");
        assert_eq!(age_since(Some(i64::MIN), i64::MAX), human_age(i64::MAX));
    }

    #[test]
    fn format_label_selector() {
        assert_eq!(label_selector_text(None), "<none>");
        assert_eq!(
            label_selector_text(Some(&LabelSelector::default())),
            "<none>"
        );
        let sel = selector(
            &[("app", "x")],
            vec![
                expr("tier", "In", &["b", "a"]),
                expr("k", "DoesNotExist", &[]),
                expr("env", "Exists", &[]),
            ],
        );
        assert_eq!(
            label_selector_text(Some(&sel)),
            "app=x,env,!k,tier in (a,b)"
        );
        let sel = selector(&[], vec![expr("key", "NotIn", &["z", "a", "a"])]);
        assert_eq!(label_selector_text(Some(&sel)), "key notin (a,a,z)");
        // match labels come before an expression with the same key
        let sel = selector(
            &[("k", "v")],
            vec![expr("k", "Exists", &[]), expr("a", "In", &["1"])],
        );
        assert_eq!(label_selector_text(Some(&sel)), "a in (1),k=v,k");
        let sel = selector(&[("example.com/role", "db")], vec![]);
        assert_eq!(label_selector_text(Some(&sel)), "example.com/role=db");
        let sel = selector(&[("empty", "")], vec![]);
        assert_eq!(label_selector_text(Some(&sel)), "empty=");
    }

    #[test]
    fn format_label_selector_errors() {
        for bad in [
            selector(&[], vec![expr("k", "Gt", &["1"])]),
            selector(&[], vec![expr("k", "In", &[])]),
            selector(&[], vec![expr("k", "Exists", &["v"])]),
            selector(&[], vec![expr("bad key", "Exists", &[])]),
            selector(&[], vec![expr("k", "In", &["-x"])]),
            selector(&[("Bad.Prefix/k", "v")], vec![]),
            selector(&[("a/b/c", "v")], vec![]),
            selector(&[("", "v")], vec![]),
            selector(&[("k", &"v".repeat(64))], vec![]),
        ] {
            assert_eq!(label_selector_text(Some(&bad)), "<error>", "{bad:?}");
        }
    }

    #[test]
    fn node_selector_sorted_pairs() {
        let mut ds = daemon_set();
        assert_eq!(node_selector_text(&ds), "<none>");
        ds.spec.template.spec.node_selector = [("zone", "a"), ("a", "y"), ("a.b", "x")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(node_selector_text(&ds), "a.b=x,a=y,zone=a");
    }

    #[test]
    fn ds_row_and_header() {
        let ds = daemon_set();
        assert_eq!(get_ds_header(false).len(), 8);
        assert_eq!(
            get_ds_row(&ds, &status(), "5m", false),
            vec!["fluentd", "3", "2", "1", "2", "1", "<none>", "5m"]
        );
        assert_eq!(
            get_ds_header(true)[8..],
            ["CONTAINERS", "IMAGES", "SELECTOR"]
        );
        let wide = get_ds_row(&ds, &status(), "5m", true);
        assert_eq!(
            wide[8..],
            ["main,side", "fluentd:1.0,busybox", "app=fluentd"]
        );
        let mut no_selector = ds.clone();
        no_selector.spec.selector = None;
        assert_eq!(get_ds_row(&no_selector, &status(), "5m", true)[10], "");
        no_selector.spec.selector = Some(selector(&[], vec![expr("k", "Bogus", &[])]));
        assert_eq!(
            get_ds_row(&no_selector, &status(), "5m", true)[10],
            "<error>"
        );
    }

    #[test]
    fn table_layout() {
        let ds = daemon_set();
        let rows = vec![get_ds_row(&ds, &status(), "5m", false)];
        assert_eq!(
            format_table(&get_ds_header(false), &rows),
            "NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n\
             fluentd   3         2         1       2            1           <none>          5m\n"
        );
        // narrow columns are at least 6 wide; no trailing spaces; last column unpadded
        let table = format_table(&["A", "B", "C"], &[vec!["x".into(), "".into(), "".into()]]);
        assert_eq!(table, "A     B     C\nx\n");
        // line breaks cut the cell; ragged rows do not panic
        let table = format_table(
            &["NAME", "X"],
            &[
                vec!["a\nb".into()],
                vec![],
                vec!["1".into(), "2".into(), "3".into()],
            ],
        );
        assert_eq!(table, "NAME   X\na...\n\n1      2     3\n");
        // no header (as with --no-headers)
        assert_eq!(format_table(&[], &[]), "");
        assert_eq!(
            format_table(&[], &[vec!["a".into(), "b".into()]]),
            "a     b\n"
        );
        // widths count characters, not bytes
        let table = format_table(&["N", "M"], &[vec!["żółć".into(), "1".into()]]);
        assert_eq!(table, "N      M\nżółć   1\n");
    }

    #[test]
    fn pod_status() {
        let mut pod = Pod {
            meta: ObjectMeta {
                name: "p".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(pod_status_text(&pod), "Pending");
        pod.phase = "Running".into();
        assert_eq!(pod_status_text(&pod), "Running");
        pod.meta.deletion_timestamp = Some(10);
        assert_eq!(pod_status_text(&pod), "Terminating");
        pod.phase = "Failed".into();
        assert_eq!(pod_status_text(&pod), "Failed");
        pod.phase = "Succeeded".into();
        assert_eq!(pod_status_text(&pod), "Succeeded");
        pod.phase = "Pending".into();
        assert_eq!(pod_status_text(&pod), "Terminating");
    }
}
