package io.netpolguard.oracle;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oracle agrees with np-guard's netpol-analyzer (../shared/conformance/np-guard, see its README) on every
 * ordered pair of peers of 27 cases, at the ports where a difference could show. Pods are folded into np-guard's
 * peers here; External peers are checked at the first and last address of their range, and the address ranges no
 * line mentions must be denied everywhere. {@code {ingress-controller}} lines are skipped: the oracle does not model
 * Ingress objects.
 */
class OracleConformanceTest {

    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
    private static final long LAST_IPV4 = (1L << 32) - 1;
    private static final Map<String, String> TOTALS = new TreeMap<>();

    static Stream<Path> cases() throws IOException {
        String dir = System.getProperty("netpolguard.conformance", "");
        Assumptions.assumeTrue(!dir.isEmpty() && Files.isDirectory(Path.of(dir)),
                "np-guard's conformance cases (../shared/conformance/np-guard) are not beside this checkout");
        try (Stream<Path> cases = Files.list(Path.of(dir))) {
            return cases.filter(c -> Files.isRegularFile(c.resolve("expected_connlist.txt"))).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theOracleAllowsExactlyWhatNpGuardListsForEveryPairOfPeers(Path dir) throws IOException {
        Oracle oracle = Oracle.ofFolder(dir.resolve("input"));
        Map<String, Conns> expected = new TreeMap<>();
        int skipped = 0;
        for (String line : Files.readAllLines(dir.resolve("expected_connlist.txt"))) {
            String[] srcAndRest = line.split(" => ", 2);
            String[] dstAndConns = srcAndRest[1].split(" : ", 2);
            if (srcAndRest[0].equals("{ingress-controller}")) {
                skipped++;
            } else {
                expected.put(srcAndRest[0] + " => " + dstAndConns[0], Conns.parse(dstAndConns[1]));
            }
        }

        Map<String, List<Object>> workloads = workloadPeers(oracle);
        Map<String, List<Object>> sources = new TreeMap<>(workloads);
        Map<String, List<Object>> destinations = new TreeMap<>(workloads);
        sources.putAll(externalPeers(expected.keySet(), 0));
        destinations.putAll(externalPeers(expected.keySet(), 1));
        for (String pair : expected.keySet()) {
            String[] peers = pair.split(" => ");
            assertThat(sources).as("source peers of %s", dir.getFileName()).containsKey(peers[0]);
            assertThat(destinations).as("destination peers of %s", dir.getFileName()).containsKey(peers[1]);
        }

        TreeSet<Integer> ports = new TreeSet<>(List.of(1, 65535));
        oracle.objects().forEach(o -> collectPorts(o, ports));
        List<String> mismatches = new ArrayList<>();
        int pairs = 0;
        long checks = 0;
        for (Map.Entry<String, List<Object>> src : sources.entrySet()) {
            for (Map.Entry<String, List<Object>> dst : destinations.entrySet()) {
                if (src.getKey().equals(dst.getKey()) || (external(src.getKey()) && external(dst.getKey()))) {
                    continue;
                }
                pairs++;
                Conns want = expected.getOrDefault(src.getKey() + " => " + dst.getKey(), Conns.NONE);
                for (String protocol : PROTOCOLS) {
                    for (int port : ports) {
                        for (Object from : src.getValue()) {
                            for (Object to : dst.getValue()) {
                                checks++;
                                if (allows(oracle, from, to, protocol, port) != want.allows(protocol, port)) {
                                    mismatches.add(src.getKey() + " => " + dst.getKey() + " expects " + want
                                            + ", but " + oracle.why(from, to, protocol, port));
                                }
                            }
                        }
                    }
                }
            }
        }
        TOTALS.put(dir.getFileName().toString(), pairs + " pairs, " + checks + " checks, " + mismatches.size()
                + " mismatches, " + skipped + " {ingress-controller} lines skipped");
        assertThat(mismatches).as("%s: %d of %d checks disagree, e.g. %s", dir.getFileName(), mismatches.size(), checks,
                mismatches.stream().limit(5).toList()).isEmpty();
    }

    @AfterAll
    static void printTotals() {
        TOTALS.forEach((name, totals) -> System.out.println("np-guard conformance " + name + ": " + totals));
    }

    private static boolean allows(Oracle oracle, Object from, Object to, String protocol, int port) {
        if (from instanceof String address) {
            return oracle.allows(address, (Pod) to, protocol, port);
        }
        return to instanceof String address
                ? oracle.allows((Pod) from, address, protocol, port)
                : oracle.allows((Pod) from, (Pod) to, protocol, port);
    }

    /**
     * np-guard's workload peers and their pods: a workload is its own peer; a bare Pod folds into its first
     * controller owner reference as written (a kind-less owner prints as Pod), unless there is none or it is a Node.
     */
    private static Map<String, List<Object>> workloadPeers(Oracle oracle) {
        Map<String, String> podPeers = new LinkedHashMap<>();
        for (Map<String, Object> object : oracle.objects()) {
            if ("Pod".equals(object.get("kind"))) {
                Pod pod = Manifests.pod(object, "default");
                String peer = pod.toString();
                for (Object reference : Manifests.list(Manifests.at(object, "metadata", "ownerReferences"))) {
                    Map<String, Object> owner = Manifests.map(reference);
                    if (Boolean.TRUE.equals(owner.get("controller"))) {
                        if (!"Node".equals(owner.get("kind"))) {
                            peer = pod.namespace() + "/" + owner.get("name") + "[" + owner.getOrDefault("kind", "Pod") + "]";
                        }
                        break;
                    }
                }
                podPeers.put(pod.toString(), peer);
            }
        }
        Map<String, List<Object>> peers = new TreeMap<>();
        for (Pod pod : oracle.pods()) {
            peers.computeIfAbsent(podPeers.getOrDefault(pod.toString(), pod.toString()), p -> new ArrayList<>()).add(pod);
        }
        return peers;
    }

    /**
     * The External ranges on one side (0: sources, 1: destinations) of the expected lines, each checked at its first
     * and last address, and the gaps between them, which no line mentions and which must therefore be denied.
     */
    private static Map<String, List<Object>> externalPeers(Iterable<String> pairs, int side) {
        TreeMap<Long, Long> ranges = new TreeMap<>();
        for (String pair : pairs) {
            String peer = pair.split(" => ")[side];
            if (external(peer)) {
                String[] bounds = peer.substring(0, peer.length() - "[External]".length()).split("-");
                ranges.put(ipv4(bounds[0]), ipv4(bounds[1]));
            }
        }
        Map<String, List<Object>> peers = new TreeMap<>();
        long next = 0;
        for (Map.Entry<Long, Long> range : ranges.entrySet()) {
            if (range.getKey() > next) {
                peers.put(range(next, range.getKey() - 1) + " (gap)[External]", List.of(ipv4(next), ipv4(range.getKey() - 1)));
            }
            peers.put(range(range.getKey(), range.getValue()) + "[External]", List.of(ipv4(range.getKey()), ipv4(range.getValue())));
            next = range.getValue() + 1;
        }
        if (next <= LAST_IPV4) {
            peers.put(range(next, LAST_IPV4) + " (gap)[External]", List.of(ipv4(next), ipv4(LAST_IPV4)));
        }
        return peers;
    }

    private static boolean external(String peer) {
        return peer.endsWith("[External]");
    }

    private static String range(long first, long last) {
        return ipv4(first) + "-" + ipv4(last);
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String part : address.split("\\.")) {
            value = value * 256 + Integer.parseInt(part);
        }
        return value;
    }

    private static String ipv4(long value) {
        return (value >> 24) + "." + (value >> 16 & 255) + "." + (value >> 8 & 255) + "." + (value & 255);
    }

    /** Every number under a port, endPort, containerPort or targetPort key, and its neighbours. */
    private static void collectPorts(Object node, TreeSet<Integer> ports) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (List.of("port", "endPort", "containerPort", "targetPort").contains(key) && value instanceof Integer n) {
                    for (int p = n - 1; p <= n + 1; p++) {
                        if (p >= 1 && p <= 65535) {
                            ports.add(p);
                        }
                    }
                }
                collectPorts(value, ports);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(element -> collectPorts(element, ports));
        }
    }

    /** An np-guard connection string: "All Connections" or items "PROTO ranges" such as "SCTP 7070,TCP 8080-8081,UDP 9090". */
    private record Conns(String text, Map<String, List<int[]>> ranges) {
        static final Conns NONE = new Conns("nothing", Map.of());

        static Conns parse(String text) {
            Map<String, List<int[]>> ranges = new LinkedHashMap<>();
            if (text.equals("All Connections")) {
                PROTOCOLS.forEach(p -> ranges.put(p, List.of(new int[] {1, 65535})));
                return new Conns(text, ranges);
            }
            List<int[]> current = null;
            for (String item : text.split(",")) {
                if (Character.isLetter(item.charAt(0))) {
                    String[] protocolAndRange = item.split(" ", 2);
                    current = ranges.computeIfAbsent(protocolAndRange[0], p -> new ArrayList<>());
                    item = protocolAndRange[1];
                }
                String[] bounds = item.split("-");
                current.add(new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[bounds.length - 1])});
            }
            return new Conns(text, ranges);
        }

        boolean allows(String protocol, int port) {
            return ranges.getOrDefault(protocol, List.of()).stream().anyMatch(r -> r[0] <= port && port <= r[1]);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
