//! `containers` and `initContainers` of the pod template: the checks on the
//! fields the model keeps (names, images, host ports under hostNetwork).
//! Probes, volumes, env, resources and security contexts are not modelled.

use super::field_error::FieldError;
use super::label_syntax::dns1123_label_errors;
use super::render::go_quote;
use crate::model::{Container, PodSpec};

// Models pkg/apis/core/validation/validation.go validateContainerCommon (name, image)
fn validate_container_common(container: &Container, path: &str, errs: &mut Vec<FieldError>) {
    let name_path = format!("{path}.name");
    if container.name.is_empty() {
        errs.push(FieldError::required(&name_path, ""));
    } else {
        for msg in dns1123_label_errors(&container.name) {
            errs.push(FieldError::invalid(
                &name_path,
                &go_quote(&container.name),
                &msg,
            ));
        }
    }
    if container.image.is_empty() {
        errs.push(FieldError::required(&format!("{path}.image"), ""));
    }
}

// Models pkg/apis/core/validation/validation.go validateContainers
pub(crate) fn validate_containers(
    containers: &[Container],
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    if containers.is_empty() {
        errs.push(FieldError::required(path, ""));
        return;
    }
    let mut names: Vec<&str> = Vec::new();
    for (i, container) in containers.iter().enumerate() {
        let item = format!("{path}[{i}]");
        validate_container_common(container, &item, errs);
        if names.contains(&container.name.as_str()) {
            errs.push(FieldError::duplicate(
                &format!("{item}.name"),
                &go_quote(&container.name),
            ));
        } else {
            names.push(&container.name);
        }
    }
}

// Models pkg/apis/core/validation/validation.go validateInitContainers (names are
// unique across regular and init containers)
pub(crate) fn validate_init_containers(
    init_containers: &[Container],
    containers: &[Container],
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    let mut names: Vec<&str> = containers.iter().map(|c| c.name.as_str()).collect();
    for (i, container) in init_containers.iter().enumerate() {
        let item = format!("{path}[{i}]");
        validate_container_common(container, &item, errs);
        if names.contains(&container.name.as_str()) {
            errs.push(FieldError::duplicate(
                &format!("{item}.name"),
                &go_quote(&container.name),
            ));
        } else if !container.name.is_empty() {
            names.push(&container.name);
        }
    }
}

/// In a pod template an unset hostPort (0) is allowed: defaulting fills it in.
// Models pkg/apis/core/validation/validation.go validatePodHostNetworkDeps
pub(crate) fn validate_host_network_ports(spec: &PodSpec, path: &str, errs: &mut Vec<FieldError>) {
    if !spec.host_network {
        return;
    }
    for (i, container) in spec.containers.iter().enumerate() {
        for (j, port) in container.ports.iter().enumerate() {
            if port.host_port != 0 && port.host_port != port.container_port {
                errs.push(FieldError::invalid(
                    &format!("{path}.containers[{i}].ports[{j}].hostPort"),
                    &port.host_port.to_string(),
                    "must match `containerPort` when `hostNetwork` is true",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ContainerPort;

    fn container(name: &str, image: &str) -> Container {
        Container {
            name: name.into(),
            image: image.into(),
            ..Default::default()
        }
    }

    fn messages(errs: Vec<FieldError>) -> Vec<String> {
        errs.into_iter().map(|e| e.message).collect()
    }

    #[test]
    fn containers_required() {
        let mut errs = Vec::new();
        validate_containers(&[], "spec.template.spec.containers", &mut errs);
        assert_eq!(
            messages(errs),
            vec!["spec.template.spec.containers: Required value"]
        );
    }

    #[test]
    fn name_image_and_duplicates() {
        let mut errs = Vec::new();
        validate_containers(
            &[
                container("main", "img"),
                container("", ""),
                container("main", "img"),
                container("Main.1", "i"),
            ],
            "spec.template.spec.containers",
            &mut errs,
        );
        assert_eq!(
            messages(errs),
            vec![
                "spec.template.spec.containers[1].name: Required value",
                "spec.template.spec.containers[1].image: Required value",
                "spec.template.spec.containers[2].name: Duplicate value: \"main\"",
                "spec.template.spec.containers[3].name: Invalid value: \"Main.1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            ]
        );
    }

    #[test]
    fn init_container_names_unique_across_lists() {
        let mut errs = Vec::new();
        validate_init_containers(
            &[container("main", "img"), container("setup", "img")],
            &[container("main", "img")],
            "spec.template.spec.initContainers",
            &mut errs,
        );
        assert_eq!(
            messages(errs),
            vec!["spec.template.spec.initContainers[0].name: Duplicate value: \"main\""]
        );
    }

    #[test]
    fn host_network_host_port_must_match() {
        let port = |container_port, host_port| ContainerPort {
            container_port,
            host_port,
            protocol: "TCP".into(),
            host_ip: String::new(),
        };
        let mut c = container("main", "img");
        c.ports = vec![port(80, 0), port(443, 443), port(9100, 9200)];
        let mut spec = PodSpec {
            containers: vec![c],
            ..Default::default()
        };
        let mut errs = Vec::new();
        validate_host_network_ports(&spec, "spec.template.spec", &mut errs);
        assert!(errs.is_empty());
        spec.host_network = true;
        validate_host_network_ports(&spec, "spec.template.spec", &mut errs);
        assert_eq!(
            messages(errs),
            vec!["spec.template.spec.containers[0].ports[2].hostPort: Invalid value: 9200: must match `containerPort` when `hostNetwork` is true"]
        );
    }
}
