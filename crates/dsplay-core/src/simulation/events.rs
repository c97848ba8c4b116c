//! What a user does to the cluster, each played as a flow.

use crate::model::{DaemonSet, Node, Taint};

#[derive(Clone, Debug, PartialEq)]
pub enum UserEvent {
    /// `kubectl apply -f` of a DaemonSet: created, or its spec changed.
    Apply(Box<DaemonSet>),
    /// A node registers with the cluster.
    AddNode(Box<Node>),
    /// `kubectl delete node NAME` (or the machine is gone).
    RemoveNode { node: String },
    /// `kubectl taint node NAME key=value:Effect`.
    Taint { node: String, taint: Taint },
    /// `kubectl taint node NAME key:Effect-`.
    Untaint { node: String, key: String, effect: String },
    /// `kubectl label node NAME key=value` (or `key-` with `value: None`).
    Label { node: String, key: String, value: Option<String> },
    /// `kubectl set image daemonset/NAME CONTAINER=IMAGE`.
    SetImage { container: String, image: String },
    /// `kubectl cordon NAME` / `kubectl uncordon NAME`.
    Cordon { node: String, cordoned: bool },
    /// The node's kubelet stops (or starts again) posting Ready.
    SetReady { node: String, ready: bool },
    /// `kubectl delete pod NAME`.
    DeletePod { pod: String },
}
