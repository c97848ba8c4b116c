//! nodeSelector and required node affinity, as the controller (and the
//! scheduler's NodeAffinity filter) match them against a node.

use crate::model::{Labels, Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodSpec};
use crate::validation::{label_key_errors, label_value_errors};

/// Whether the pod's nodeSelector and required node affinity both admit `node`.
// Models k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
// GetRequiredNodeAffinity(pod).Match(node) (parse errors count as no match)
pub fn matches_node(spec: &PodSpec, node: &Node) -> bool {
    node_selector_matches(&spec.node_selector, &node.meta.labels)
        && spec.required_node_affinity.as_ref().is_none_or(|required| required_terms_match(required, node))
}

fn node_selector_matches(selector: &Labels, labels: &Labels) -> bool {
    selector.iter().all(|(key, value)| labels.get(key) == Some(value))
}

/// Terms are ORed; an empty term list matches no node.
// Models nodeaffinity.go LazyErrorNodeSelector.Match
pub fn required_terms_match(required: &NodeSelector, node: &Node) -> bool {
    required.terms.iter().any(|term| term_matches(term, node))
}

/// Inside a term everything is ANDed. A term with nothing in it, or one that
/// does not parse, matches nothing (and does not stop other terms matching).
fn term_matches(term: &NodeSelectorTerm, node: &Node) -> bool {
    if term.match_expressions.is_empty() && term.match_fields.is_empty() {
        return false;
    }
    let expressions = term.match_expressions.iter().map(|r| label_requirement_matches(r, &node.meta.labels));
    let fields = term.match_fields.iter().map(|r| field_requirement_matches(r, node));
    // A parse error anywhere in the term poisons the whole term, so every
    // requirement is parsed before the answer is decided.
    let results: Option<Vec<bool>> = expressions.chain(fields).collect();
    results.is_some_and(|all| all.iter().all(|matched| *matched))
}

/// `Some(matched)`, or `None` when the requirement does not parse.
// Models k8s.io/apimachinery/pkg/labels/selector.go NewRequirement + Requirement.Matches
fn label_requirement_matches(req: &NodeSelectorRequirement, labels: &Labels) -> Option<bool> {
    if !label_key_errors(&req.key).is_empty() || req.values.iter().any(|v| !label_value_errors(v).is_empty()) {
        return None;
    }
    let value = labels.get(&req.key);
    match req.operator.as_str() {
        "In" | "NotIn" if req.values.is_empty() => None,
        "In" => Some(value.is_some_and(|v| req.values.contains(v))),
        "NotIn" => Some(value.is_none_or(|v| !req.values.contains(v))),
        "Exists" | "DoesNotExist" if !req.values.is_empty() => None,
        "Exists" => Some(value.is_some()),
        "DoesNotExist" => Some(value.is_none()),
        "Gt" | "Lt" => {
            let [bound] = req.values.as_slice() else { return None };
            let bound: i64 = bound.parse().ok()?;
            // A node value that is not an integer is a silent non-match.
            let Some(actual) = value.and_then(|v| v.parse::<i64>().ok()) else { return Some(false) };
            Some(if req.operator == "Gt" { actual > bound } else { actual < bound })
        }
        _ => None,
    }
}

/// `matchFields`: only `metadata.name` exists for a node, with In/NotIn and one value.
// Models nodeaffinity.go nodeSelectorRequirementsAsFieldSelector
fn field_requirement_matches(req: &NodeSelectorRequirement, node: &Node) -> Option<bool> {
    let [value] = req.values.as_slice() else { return None };
    let actual = (req.key == "metadata.name").then_some(node.name());
    match req.operator.as_str() {
        "In" => Some(actual == Some(value.as_str())),
        "NotIn" => Some(actual != Some(value.as_str())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ObjectMeta;

    fn node(name: &str, labels: &[(&str, &str)]) -> Node {
        Node {
            meta: ObjectMeta {
                name: name.into(),
                labels: labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
                ..Default::default()
            },
            ..Default::default()
        }
    }
    fn req(key: &str, operator: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement { key: key.into(), operator: operator.into(), values: values.iter().map(|v| v.to_string()).collect() }
    }
    fn with_terms(terms: Vec<NodeSelectorTerm>) -> PodSpec {
        PodSpec { required_node_affinity: Some(NodeSelector { terms }), ..Default::default() }
    }
    fn expressions(reqs: Vec<NodeSelectorRequirement>) -> NodeSelectorTerm {
        NodeSelectorTerm { match_expressions: reqs, match_fields: vec![] }
    }
    fn one(r: NodeSelectorRequirement) -> PodSpec {
        with_terms(vec![expressions(vec![r])])
    }

    #[test]
    fn node_selector_needs_every_pair_and_allows_extra_labels() {
        let spec = PodSpec { node_selector: [("disktype".to_string(), "ssd".to_string())].into(), ..Default::default() };
        assert!(matches_node(&spec, &node("a", &[("disktype", "ssd"), ("zone", "x")])));
        assert!(!matches_node(&spec, &node("b", &[("disktype", "hdd")])));
        assert!(!matches_node(&spec, &node("c", &[])));
        let empty_value = PodSpec { node_selector: [("k".to_string(), String::new())].into(), ..Default::default() };
        assert!(matches_node(&empty_value, &node("d", &[("k", "")])));
        assert!(!matches_node(&empty_value, &node("e", &[])));
    }

    #[test]
    fn the_six_operators() {
        let n = node("n", &[("zone", "a"), ("cores", "0206")]);
        assert!(matches_node(&one(req("zone", "In", &["a", "b"])), &n));
        assert!(!matches_node(&one(req("zone", "NotIn", &["a"])), &n));
        assert!(matches_node(&one(req("absent", "NotIn", &["a"])), &n), "NotIn matches an absent label");
        assert!(matches_node(&one(req("zone", "Exists", &[])), &n));
        assert!(matches_node(&one(req("absent", "DoesNotExist", &[])), &n));
        assert!(matches_node(&one(req("cores", "Gt", &["205"])), &n), "leading zeros parse");
        assert!(!matches_node(&one(req("cores", "Gt", &["206"])), &n), "strict");
        assert!(matches_node(&one(req("cores", "Lt", &["207"])), &n));
        assert!(!matches_node(&one(req("zone", "Gt", &["1"])), &n), "non-integer node value");
    }

    #[test]
    fn a_bad_term_poisons_only_itself() {
        let n = node("n", &[("zone", "a")]);
        let bad = expressions(vec![req("zone", "Gt", &["1.5"])]);
        let good = expressions(vec![req("zone", "In", &["a"])]);
        assert!(!matches_node(&with_terms(vec![bad.clone()]), &n));
        assert!(matches_node(&with_terms(vec![bad, good]), &n));
        assert!(!matches_node(&one(req("zone", "Foo", &["a"])), &n));
        assert!(!matches_node(&one(req("zone", "In", &[])), &n));
        assert!(!matches_node(&one(req("zone", "Exists", &["a"])), &n));
    }

    #[test]
    fn empty_terms_match_nothing() {
        let n = node("n", &[]);
        assert!(!matches_node(&with_terms(vec![]), &n));
        assert!(!matches_node(&with_terms(vec![NodeSelectorTerm::default()]), &n));
    }

    #[test]
    fn match_fields_on_the_node_name() {
        let field = |op: &str, values: &[&str]| with_terms(vec![NodeSelectorTerm { match_expressions: vec![], match_fields: vec![req("metadata.name", op, values)] }]);
        assert!(matches_node(&field("In", &["n"]), &node("n", &[])));
        assert!(!matches_node(&field("In", &["n"]), &node("m", &[])));
        assert!(matches_node(&field("NotIn", &["n"]), &node("m", &[])));
        assert!(!matches_node(&field("In", &["n", "m"]), &node("n", &[])), "two values do not parse");
        let unknown = with_terms(vec![NodeSelectorTerm { match_expressions: vec![], match_fields: vec![req("metadata.uid", "NotIn", &["x"])] }]);
        assert!(matches_node(&unknown, &node("n", &[])));
    }
}
