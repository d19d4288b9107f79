package io.netpolguard.model;

import java.util.List;

/**
 * A RoleBinding or ClusterRoleBinding, for the service accounts it grants a role: their pods use the Kubernetes API.
 *
 * @param object          the object
 * @param role            the role it grants, e.g. "ClusterRole cert-manager-controller"
 * @param serviceAccounts its subjects of kind ServiceAccount
 */
public record Binding(KubeObject object, String role, List<Subject> serviceAccounts) {

    /**
     * @param namespace the service account's namespace as written; null when not written
     * @param name      its name
     */
    public record Subject(String namespace, String name) {
    }
}
