package io.netpolguard.verify;

import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Labels;
import io.netpolguard.model.Namespace;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Workload;
import io.netpolguard.plan.PolicySpec;

import java.util.List;
import java.util.Objects;

/**
 * What {@link WrittenOutput} compares: an object, workload or policy read back against the one read from the input,
 * and a generated policy read back against its plan. Field by field, not by the records' generated equals (those are
 * bootstrapped at run time, on every install).
 */
final class Same {

    private Same() {
    }

    /** The same object, with the same labels unless they are pod labels (checked against the plan). */
    static boolean object(KubeObject a, KubeObject b, boolean labels) {
        return Objects.equals(a.apiVersion(), b.apiVersion()) && Objects.equals(a.kind(), b.kind())
                && Objects.equals(a.name(), b.name()) && Objects.equals(a.namespace(), b.namespace())
                && (!labels || a.labels().equals(b.labels())) && a.hookEvents().equals(b.hookEvents())
                && a.hookWeight() == b.hookWeight() && Objects.equals(a.source(), b.source());
    }

    /** The same workload, but for its pod labels. */
    static boolean pods(Workload a, Workload b) {
        return object(a.object(), b.object(), false) && Objects.equals(a.selector(), b.selector())
                && a.pod().annotations().equals(b.pod().annotations())
                && a.pod().ports().size() == b.pod().ports().size()
                && a.pod().serviceAccount().equals(b.pod().serviceAccount())
                && a.pod().hostNetwork() == b.pod().hostNetwork()
                && (a.owner() == null ? b.owner() == null : b.owner() != null
                && Objects.equals(a.owner().kind(), b.owner().kind()) && a.owner().name().equals(b.owner().name()));
    }

    /** The same selector, directions and rules. */
    static boolean rules(NetworkPolicy a, NetworkPolicy b) {
        return a.podSelector().equals(b.podSelector()) && a.ingress() == b.ingress() && a.egress() == b.egress()
                && rules(a.ingressRules(), b.ingressRules()) && rules(a.egressRules(), b.egressRules());
    }

    private static boolean rules(List<NetworkPolicy.Rule> a, List<NetworkPolicy.Rule> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            List<NetworkPolicy.Port> pa = a.get(i).ports();
            List<NetworkPolicy.Port> pb = b.get(i).ports();
            if (!a.get(i).peers().equals(b.get(i).peers()) || pa.size() != pb.size()) {
                return false;
            }
            for (int j = 0; j < pa.size(); j++) { // not Port's generated equals: it is bootstrapped at run time
                NetworkPolicy.Port x = pa.get(j);
                NetworkPolicy.Port y = pb.get(j);
                if (x.protocol() != y.protocol() || x.endPort() != y.endPort() || (x.port() == null) != (y.port() == null)
                        || x.port() != null && (x.port().number() != y.port().number()
                        || !Objects.equals(x.port().name(), y.port().name()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The generated policy as planned: name, namespace, netpol-guard's labels, hook, selector, directions, rules. */
    static boolean planned(PolicySpec spec, NetworkPolicy p, Scope scope, String release) {
        KubeObject o = p.object();
        return spec.name().equals(o.name()) && spec.namespace().equals(scope.of(o))
                && "true".equals(o.labels().get(Labels.GENERATED)) && release.equals(o.labels().get(Labels.RELEASE))
                && spec.hookEvents().equals(o.hookEvents()) && spec.hookWeight() == o.hookWeight()
                && spec.podSelector().equals(p.podSelector()) && spec.ingress() == p.ingress()
                && spec.egress() == p.egress() && planned(spec.ingress() ? spec.ingressRules() : List.of(),
                p.ingressRules()) && planned(spec.egress() ? spec.egressRules() : List.of(), p.egressRules());
    }

    private static boolean planned(List<PolicySpec.Rule> planned, List<NetworkPolicy.Rule> written) {
        if (planned.size() != written.size()) {
            return false;
        }
        for (int i = 0; i < planned.size(); i++) {
            PolicySpec.Rule r = planned.get(i);
            NetworkPolicy.Rule w = written.get(i);
            if (!r.peers().equals(w.peers()) || r.ports().size() != w.ports().size()) {
                return false;
            }
            for (int j = 0; j < r.ports().size(); j++) {
                PortRange range = r.ports().get(j);
                NetworkPolicy.Port port = w.ports().get(j);
                int end = range.last() == range.first() ? 0 : range.last();
                if (port.protocol() != range.protocol() || port.port() == null || port.port().isNamed()
                        || port.port().number() != range.first() || port.endPort() != end) {
                    return false;
                }
            }
        }
        return true;
    }
}
