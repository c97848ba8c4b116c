//! dsplay's YAML reader (`yaml::reader`, scalars resolved in `yaml::parse`)
//! must read every text exactly as serde_yaml 0.9 reads it, and its writer must
//! write text that reads back as the same value. serde_yaml itself is the
//! oracle: our `yaml::Value` is converted to its `Value` to be compared.

use std::path::{Path, PathBuf};

use dsplay_core::read::split_documents;
use dsplay_core::yaml;
use proptest::prelude::*;
use serde_yaml::Value;

mod oracle;
use oracle::to_serde_yaml as theirs;

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// Same value, or both refused; and what we write reads back. (Where a refusal
/// is located is checked by yaml::parse's own tests: serde_yaml does not locate
/// duplicate keys, and points at the end of an unterminated scalar.)
fn reading_difference(text: &str, what: &str) -> Option<String> {
    let ours = yaml::from_str(text);
    let serde_yamls = serde_yaml::from_str::<Value>(text);
    match (&ours, &serde_yamls) {
        (Ok(a), Ok(b)) if !same(&theirs(a), b) => return Some(format!("{what}: read differently\n ours: {a:?}\n serde_yaml: {b:?}")),
        (Ok(_), Err(_)) | (Err(_), Ok(_)) => return Some(format!("{what}: ours {ours:?}, serde_yaml {serde_yamls:?}")),
        _ => {}
    }
    let value = ours.ok()?;
    let written = yaml::to_string(&value);
    match yaml::from_str(&written) {
        Ok(again) if again == value => None,
        again => Some(format!("{what}: wrote\n{written}\nwhich reads as {again:?}")),
    }
}

fn assert_all_same(differences: Vec<String>) {
    assert!(differences.is_empty(), "{} differences:\n{}", differences.len(), differences.join("\n\n"));
}

/// Equality in which NaN equals NaN.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_nan() && y.is_nan() => true,
        _ => a == b,
    }
}

#[test]
fn every_manifest_we_know_reads_as_serde_yaml_reads_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("src/presets"), &mut files);
    yaml_files(&root.join("../../examples"), &mut files);
    yaml_files(&root.join("../../../shared"), &mut files);
    assert!(files.len() >= 9, "found only {files:?}");
    let mut differences = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for document in split_documents(&text) {
            differences.extend(reading_difference(document.text, &format!("{}:{}", file.display(), document.first_line)));
        }
    }
    assert_all_same(differences);
}

#[test]
fn tricky_texts_read_as_serde_yaml_reads_them() {
    let cases = [
        "",
        "# only a comment\n",
        "a: 1\nb: -2\nc: +3\nd: 0x1F\ne: -0x1F\nf: 0o17\ng: 0b101\nh: 0755\ni: -0755\nj: 00\nk: 0\nl: -0\n",
        "a: 1.5\nb: -1e3\nc: .inf\nd: -.Inf\ne: .NaN\nf: 1.\ng: .5\nh: inf\ni: nan\nj: 1_000\nk: 12e\n",
        "a: 18446744073709551615\nb: -9223372036854775808\nc: 9223372036854775808\n",
        "a: 18446744073709551616\n",
        "a: -9223372036854775809\n",
        "a: true\nb: False\nc: TRUE\nd: yes\ne: on\nf: ~\ng: null\nh: Null\ni: NULL\nj:\nk: ''\nl: \"\"\n",
        "a: '1'\nb: \"true\"\nc: !!str 1\nd: !!int '7'\ne: !!float '1'\nf: !!bool 'true'\ng: !!null ''\n",
        "a: !custom x\nb: !custom [1]\nc: !!binary aGVsbG8=\n",
        "a: |\n  line 1\n  line 2\nb: >\n  folded\n  text\n\n  para\nc: |-\n  x\nd: |+\n  y\n\ne: >-\n  z\n",
        "a: \"esc \\t \\n \\\" \\\\ \\x41 \\u00e9 \\U0001F600\"\nb: 'it''s'\nc: \"multi\n  line\"\n",
        "a: &x {b: 1}\nc: *x\nd: [*x, *x]\n",
        "a: &x 1\nb: &x 2\nc: *x\n",
        "<<: {a: 1}\nb: 2\n",
        "? [a, b]\n: 1\n? {c: d}\n: 2\n1: one\ntrue: t\n~: n\n",
        "- a\n- - b\n  - c\n- d: 1\n  e: 2\n- []\n- {}\n",
        "key:\n- 1\n- 2\nother:\n  - 3\n",
        "a: b: c\n",
        "a: [1, 2\n",
        "a:\n  b: 1\n c: 2\n",
        "a: 'unterminated\n",
        "a: \"bad \\q escape\"\n",
        "\t- tab\n",
        "a: 1\na: 2\n",
        "1: a\n1: b\n",
        "? [x]\n: 1\n? [x]\n: 2\n",
        "a: *nope\n",
        "%YAML 1.2\n---\na: 1\n",
        "--- !!map\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n...\n",
        "- &a x\n- *a\n- &b [*a, *a]\n- *b\n",
        "a: \"\\u2028 \\u0085 \\uFEFF\"\n",
        "a: 'x'\n  # comment\nb: y # trailing\n",
        "a: @foo\n",
        "a: `x`\n",
        "plain: a:b\nurl: http://x/y?z=1#f\ncolon: 'a: b'\n",
        "[1, 2, 3]\n",
        "just a scalar\n",
        "{a: 1, b: [x, y], c: {d: e}}\n",
        "spec:\n  args: [\n    \"-c\", \"x\",\n    \"-e\",\n  ]\n  env: {\na: 1\n}\n",
        "a: [1,\n\t2]\nb: |\n  \tx\nc: \"q\n\tr\"\n",
        "a:\n  b: 1\n\tc: 2\n",
        "a: |\n  x\n  y",
        "a: |+\n  x",
        "a: >\n  x\n  y",
        "a: |-\n  x",
        "- |\n  x",
        "a: |\n  x\nb: 1",
        "a: ! x\nb: !<tag:example.com,2024:x> y\nc: !!foo z\nd: !e [1]\n",
        "%TAG !e! tag:example.com,2024:\n---\na: !e!x y\n",
        "%TAG !l! !local-\n---\na: !l!x y\n",
        "#     pods: \"110\"\n   !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!q!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!r  \n    &conditions",
        "!!x\n&a",
        "!!x\n",
        "!x\n&a",
        "&a\n!!x",
        "!!str\n&a",
        "!!str\n&a foo",
        "!!str\n&a\nfoo",
        "&a\n!!str\nfoo",
        "!!str\n&a b: c",
        "k: !!str\n  &a\nj: 1",
        "k: !!str\n  &a 1\nj: 1",
        "- !!str\n  &a\n- 2",
        "!!str\n&a\n1",
        "!!str\n&a\n|\n  x",
        "!!str\n&a |\n  x",
        "a: !!str\n  &x\n  1\nb: *x",
        "[!!str\n&a 1, &b\n !x\n y]",
        "{k: !!str\n &a 1}",
        "- !!str\n  &a |\n   x\n",
    ];
    let differences = cases.iter().enumerate().filter_map(|(i, text)| reading_difference(text, &format!("case {i} {text:?}"))).collect();
    assert_all_same(differences);
}

#[test]
fn nesting_bombs_and_size_are_bounded_like_serde_yaml() {
    for depth in [127, 128, 129, 10_000] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(yaml::from_str(&text).is_ok(), serde_yaml::from_str::<Value>(&text).is_ok(), "depth {depth}");
    }
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let (prev, name) = (pair[0], pair[1]);
        bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    assert!(yaml::from_str(&bomb).is_err());
    assert!(serde_yaml::from_str::<Value>(&bomb).is_err());
}

#[test]
fn values_read_compare_as_serde_yaml_values_compare() {
    let text = "a: {x: 1, y: [1.5, .nan, ~]}\nb: {y: [1.5, .nan, ~], x: 1}\nc: {x: 1.0, y: [1.5, .nan, ~]}\nd: !t 1\ne: !t '1'\n";
    let (ours, serde_yamls) = (yaml::from_str(text).unwrap(), serde_yaml::from_str::<Value>(text).unwrap());
    for a in ["a", "b", "c", "d", "e"] {
        for b in ["a", "b", "c", "d", "e"] {
            assert_eq!(ours.get(a) == ours.get(b), serde_yamls.get(a) == serde_yamls.get(b), "{a} and {b}");
        }
    }
}

proptest! {
    /// Numbers print as serde_yaml prints them (ryu's layout for floats), and
    /// what they print reads back as the same number.
    #[test]
    fn numbers_print_as_serde_yaml_prints_them(bits in any::<u64>(), int in any::<i64>(), scale in -30i32..30, shift in 0..60u32) {
        let scaled = int as f64 * 10f64.powi(scale);
        // Floats with a few binary places, where the shortest digits can tie.
        let binary = (int >> shift) as f64 / f64::from(1u32 << (shift % 8));
        for f in [f64::from_bits(bits), scaled, int as f64 / 7.0, binary] {
            let ours = yaml::Number::from(f);
            prop_assert_eq!(ours.to_string(), serde_yaml::Number::from(f).to_string());
            if f.is_finite() {
                prop_assert_eq!(ours.to_string().parse::<f64>().ok(), Some(f));
            }
        }
        prop_assert_eq!(yaml::Number::from(int).to_string(), serde_yaml::Number::from(int).to_string());
    }
}
