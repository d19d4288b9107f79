package io.netpolguard.analyze;

import io.netpolguard.error.InputException;
import io.netpolguard.config.ClusterPeer;
import io.netpolguard.connectivity.AddressRange;
import io.netpolguard.connectivity.Connections;
import io.netpolguard.connectivity.Endpoint;
import io.netpolguard.connectivity.Explanation;
import io.netpolguard.connectivity.Network;
import io.netpolguard.connectivity.RuleRef;
import io.netpolguard.model.ContainerPort;
import io.netpolguard.model.Direction;
import io.netpolguard.model.NamedPorts;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.Protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Why one connection is allowed or not, in words: for the source's egress and the destination's ingress, whether the
 * side is isolated, the policies selecting it and which rule admits the connection (or that none does).
 */
public final class Explain {

    private Explain() {
    }

    /**
     * @param analysis    the analysis of the input
     * @param source      a peer as listed ("ns/web[Deployment]"), "ns/web", "web" when unique, an address or CIDR
     *                    ("10.1.2.3", "10.0.0.0/8", "10.0.0.0-10.255.255.255[External]") or "{ingress-controller}"
     * @param destination the same for the destination
     * @param connection  "TCP/8080", "udp/53", "8080" (TCP), or "TCP/http" (a container port name of the destination)
     * @throws InputException when a peer or the connection cannot be understood
     */
    public static String text(Analysis analysis, String source, String destination, String connection) {
        Target src = target(analysis, source);
        Target dst = target(analysis, destination);
        Protocol protocol = Protocol.TCP;
        String port = connection.strip();
        int slash = port.indexOf('/');
        if (slash >= 0) {
            protocol = Protocol.of(port.substring(0, slash).strip().toUpperCase(Locale.ROOT));
            port = port.substring(slash + 1).strip();
            if (protocol == null || connection.substring(0, slash).isBlank()) {
                throw new InputException("The connection \"" + connection + "\" names no protocol netpol-guard knows.",
                        "Write it as PROTOCOL/PORT with TCP, UDP or SCTP, e.g. TCP/8080.");
            }
        }
        Network network = analysis.network();
        StringBuilder sb = new StringBuilder();
        if (dst.name.equals(Peer.INGRESS_CONTROLLER)) {
            throw new InputException("{ingress-controller} stands for what an ingress controller sends to the backends"
                    + " of Ingresses and routes: it is only a source in the connection list.",
                    "Name a workload or an address as the destination.");
        }
        if (src.name.equals(Peer.INGRESS_CONTROLLER)) {
            for (Endpoint d : dst.endpoints) {
                throughIngressControllers(sb, analysis, dst, d, protocol, port(port, protocol, d, connection));
            }
            return sb.toString();
        }
        boolean several = src.endpoints.size() * dst.endpoints.size() > 1;
        for (Endpoint s : src.endpoints) {
            for (Endpoint d : dst.endpoints) {
                int number = port(port, protocol, d, connection);
                Explanation e = network.explain(s, d, protocol, number);
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(src.name).append(" => ").append(dst.name).append(" on ").append(protocol).append(' ')
                        .append(number).append(": ").append(e.allowed() ? "allowed" : "not allowed").append('\n');
                if (several) {
                    sb.append("  (").append(describe(s)).append(" => ").append(describe(d)).append(")\n");
                }
                side(sb, e.egress(), "Egress from " + src.name, s, d, network);
                side(sb, e.ingress(), "Ingress to " + dst.name, d, s, network);
                Connections all = network.allowed(s, d);
                sb.append("All that is allowed from ").append(src.name).append(" to ").append(dst.name).append(": ")
                        .append(all).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * The ingress controller as the connection list has it: it sends a workload only what Ingress and route backends
     * route to it, and only as far as the policies let np-guard's stand-in pod or one of the configured controllers
     * through. The verdict and the last line are the connection list's.
     */
    private static void throughIngressControllers(StringBuilder sb, Analysis analysis, Target dst, Endpoint d,
                                                  Protocol protocol, int number) {
        Network network = analysis.network();
        Connections listed = Connections.NONE;
        for (Connection c : analysis.connections()) {
            if (c.source().name().equals(Peer.INGRESS_CONTROLLER) && c.destination().name().equals(dst.name)) {
                listed = c.connections();
            }
        }
        List<String> titles = new ArrayList<>(List.of("np-guard's stand-in ingress controller (a pod of namespace "
                + Analyzer.INGRESS_CONTROLLER_POD.namespace() + ")"));
        List<List<Endpoint>> controllers = new ArrayList<>();
        controllers.add(List.of(Analyzer.INGRESS_CONTROLLER_POD));
        for (ClusterPeer c : analysis.options().ingressControllers()) {
            titles.add(c.describe() + " (the configuration's ingressControllers)");
            controllers.add(Analyzer.controllerEndpoints(List.of(c)));
        }
        StringBuilder sides = new StringBuilder();
        boolean letThrough = false;
        for (int i = 0; i < controllers.size(); i++) {
            sides.append("Through ").append(titles.get(i)).append(":\n");
            for (Endpoint s : controllers.get(i)) {
                Explanation e = network.explain(s, d, protocol, number);
                letThrough |= e.allowed();
                side(sides, e.egress(), "Egress from " + Peer.INGRESS_CONTROLLER, s, d, network);
                side(sides, e.ingress(), "Ingress to " + dst.name, d, s, network);
            }
        }
        boolean allowed = letThrough && listed.contains(protocol, number);
        sb.append(Peer.INGRESS_CONTROLLER).append(" => ").append(dst.name).append(" on ").append(protocol).append(' ')
                .append(number).append(": ").append(allowed ? "allowed" : "not allowed").append('\n');
        if (dst.endpoints.size() > 1) {
            sb.append("  (").append(describe(d)).append(")\n");
        }
        if (letThrough && !allowed) {
            sb.append("  no Ingress or route backend sends ").append(protocol).append(' ').append(number).append(" to ")
                    .append(dst.name).append(" (the ingress controller sends a workload only what they route to it)\n");
        }
        sb.append(sides);
        sb.append("All that is allowed from ").append(Peer.INGRESS_CONTROLLER).append(" to ").append(dst.name)
                .append(": ").append(listed).append('\n');
    }

    /**
     * The lines {@code analyze explain} writes for one side of a connection: "TITLE: allowed|denied", then the
     * policies that isolate the side and the rule that admits the connection, or the rules that admit others.
     *
     * @param selected the side's pods (the source for egress, the destination for ingress)
     * @param peer     the other end
     */
    public static String side(Network network, Explanation.Side side, String title, Endpoint selected, Endpoint peer) {
        StringBuilder sb = new StringBuilder();
        side(sb, side, title, selected, peer, network);
        return sb.toString();
    }

    private static void side(StringBuilder sb, Explanation.Side side, String title, Endpoint selected,
                             Endpoint peer, Network network) {
        String direction = side.direction().wireName().toLowerCase(Locale.ROOT);
        sb.append(title).append(": ").append(side.allows() ? "allowed" : "denied").append('\n');
        if (!side.isolated()) {
            sb.append("  ").append(selected instanceof Endpoint.Pods
                    ? "not isolated: no NetworkPolicy selects these pods for " + direction + ", so everything is allowed"
                    : selected instanceof Endpoint.Addresses ? "addresses outside the cluster have no policies of their own"
                    : "not isolated: these pods are outside the input, so no policy of it selects them").append('\n');
            return;
        }
        for (NetworkPolicy p : side.policies()) {
            sb.append("  isolated by NetworkPolicy ").append(network.namespaceOf(p.object())).append('/')
                    .append(p.object().name()).append(" (it selects these pods for ")
                    .append(direction).append(")\n");
        }
        if (side.admitting().isEmpty()) {
            sb.append("  no rule of these policies admits it\n");
            if (side.peerOnly().isEmpty()) {
                boolean ipBlocks = false;
                for (NetworkPolicy p : side.policies()) {
                    List<NetworkPolicy.Rule> rules = p.rules(side.direction());
                    for (int i = 0; i < rules.size(); i++) {
                        RuleRef r = new RuleRef(p, network.namespaceOf(p.object()), side.direction(), i, rules.get(i));
                        sb.append("  ").append(r.where()).append(" admits other ")
                                .append(side.direction() == Direction.INGRESS ? "sources" : "destinations").append(": ")
                                .append(r.summary()).append('\n');
                        ipBlocks |= rules.get(i).peers().stream().anyMatch(x -> x.ipBlock() != null);
                    }
                }
                if (ipBlocks && !(peer instanceof Endpoint.Addresses)) {
                    sb.append("  (an ipBlock admits addresses outside the cluster, never pods)\n");
                }
            }
        }
        for (RuleRef r : side.admitting()) {
            sb.append("  admitted by ").append(r.where()).append(": ").append(r.summary()).append('\n');
        }
        for (RuleRef r : side.peerOnly()) {
            sb.append("  ").append(r.where()).append(" admits the ")
                    .append(side.direction() == Direction.INGRESS ? "source" : "destination")
                    .append(" but not this port: ").append(r.summary()).append('\n');
        }
    }

    private static String describe(Endpoint e) {
        if (e instanceof Endpoint.Pods p) {
            return p.labels().isEmpty() ? "pods without labels" : "pods with " + new TreeMap<>(p.labels());
        }
        return e.toString();
    }

    private static int port(String text, Protocol protocol, Endpoint destination, String connection) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9') && text.length() <= 5) {
            int n = Integer.parseInt(text);
            if (n >= Connections.MIN_PORT && n <= Connections.MAX_PORT) {
                return n;
            }
        }
        if (destination instanceof Endpoint.Pods pods && !text.isEmpty()) {
            ContainerPort c = NamedPorts.NP_GUARD_ANY_PROTOCOL.find(pods.pod(), text, protocol);
            if (c != null) {
                return c.port();
            }
        }
        throw new InputException("The connection \"" + connection + "\" has no port 1-65535"
                + (destination instanceof Endpoint.Pods ? " nor a container port name of the destination" : "") + ".",
                "Write it as PROTOCOL/PORT, e.g. TCP/8080 or UDP/53.");
    }

    private record Target(String name, List<Endpoint> endpoints) {
    }

    private static Target target(Analysis analysis, String text) {
        String s = text.strip();
        if (s.equals(Peer.INGRESS_CONTROLLER)) {
            return new Target(s, List.of(Analyzer.INGRESS_CONTROLLER_POD));
        }
        AddressRange range = range(s);
        if (range != null) {
            return new Target(range + "[External]", List.of(new Endpoint.Addresses(range)));
        }
        List<Peer> candidates = new ArrayList<>();
        for (Peer p : analysis.peers()) {
            if (p.kind() != Peer.Kind.WORKLOAD) {
                continue;
            }
            if (p.name().equals(s)) {
                return new Target(p.name(), List.copyOf(p.pods()));
            }
            if ((p.namespace() + "/" + p.workload()).equals(s) || p.workload().equals(s)) {
                candidates.add(p);
            }
        }
        if (candidates.size() == 1) {
            Peer p = candidates.get(0);
            return new Target(p.name(), List.copyOf(p.pods()));
        }
        if (candidates.size() > 1) {
            throw new InputException("\"" + s + "\" names " + candidates.size() + " workloads: "
                    + String.join(", ", candidates.stream().map(Peer::name).toList()) + ".",
                    "Name one as the connection list writes it, e.g. " + candidates.get(0).name() + ".");
        }
        List<String> workloads = analysis.peers().stream().filter(p -> p.kind() == Peer.Kind.WORKLOAD)
                .map(Peer::name).toList();
        List<String> some = workloads.subList(0, Math.min(5, workloads.size()));
        throw new InputException("\"" + s + "\" is no workload of the input, nor an address.",
                "Name a workload as the connection list writes it" + (some.isEmpty() ? "" : " (" + String.join(", ", some)
                        + (some.size() < workloads.size() ? ", ..." : "") + ")")
                        + ", or an address such as 10.1.2.3 or 0.0.0.0/0.");
    }

    /** An address, a CIDR or "first-last[External]"; null when the text is none of these. */
    private static AddressRange range(String s) {
        String t = s.endsWith("[External]") ? s.substring(0, s.length() - "[External]".length()) : s;
        boolean looksLikeAddress = !t.isEmpty() && (t.indexOf(':') >= 0
                || t.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == '/' || c == '-'));
        if (!looksLikeAddress || t.indexOf('[') >= 0) {
            return null;
        }
        try {
            if (t.indexOf('/') >= 0) {
                return AddressRange.cidr(t);
            }
            int dash = t.indexOf('-');
            if (dash > 0) {
                AddressRange first = AddressRange.address(t.substring(0, dash));
                AddressRange last = AddressRange.address(t.substring(dash + 1));
                return new AddressRange(first.family(), first.first(), last.last());
            }
            return AddressRange.address(t);
        } catch (IllegalArgumentException e) {
            throw new InputException("\"" + s + "\" is not an address: " + e.getMessage() + ".",
                    "Write an address (10.1.2.3), a CIDR (10.0.0.0/8) or a range as listed (10.0.0.0-10.255.255.255[External]).");
        }
    }
}
