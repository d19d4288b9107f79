package io.netpolguard.analyze.picture;

import io.netpolguard.analyze.Diagram;
import io.netpolguard.analyze.Diagram.Edge;
import io.netpolguard.analyze.Diagram.Group;
import io.netpolguard.analyze.Diagram.Node;
import io.netpolguard.analyze.Diagram.Node.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Graphs for the picture's tests. */
final class Examples {

    private Examples() {
    }

    /** A web shop in team-a: what a person would see for a small release. */
    static Diagram webShop() {
        String dns = "UDP 53,TCP 53";
        return new Diagram("Release shop in namespace team-a",
                List.of(new Group("team-a", "team-a", true),
                        new Group("kube-system", "kube-system", false),
                        new Group("ingress-nginx", "ingress-nginx", false),
                        new Group("monitoring", "monitoring", false)),
                List.of(new Node("team-a/frontend", "frontend [Deployment]", "team-a", Kind.WORKLOAD, true),
                        new Node("team-a/backend", "backend [Deployment]", "team-a", Kind.WORKLOAD, true),
                        new Node("team-a/database", "database [StatefulSet]", "team-a", Kind.WORKLOAD, true),
                        new Node("team-a/migrate", "migrate [Job]", "team-a", Kind.WORKLOAD, true),
                        new Node("team-a/report", "report [CronJob]", "team-a", Kind.WORKLOAD, true),
                        new Node("kube-system/kube-dns", "kube-dns [Deployment]", "kube-system", Kind.WORKLOAD, false),
                        new Node("ingress-nginx/controller", "ingress-nginx-controller", "ingress-nginx",
                                Kind.INGRESS_CONTROLLER, false),
                        new Node("monitoring/prometheus", "prometheus", "monitoring", Kind.CLUSTER_PEER, false),
                        new Node("0.0.0.0-255.255.255.255", "0.0.0.0-255.255.255.255 [External]", null,
                                Kind.EXTERNAL, false)),
                List.of(new Edge("ingress-nginx/controller", "team-a/frontend", "TCP 8080", false),
                        new Edge("team-a/frontend", "team-a/backend", "TCP 8080", false),
                        new Edge("team-a/backend", "team-a/database", "TCP 5432", false),
                        new Edge("team-a/migrate", "team-a/database", "TCP 5432", false),
                        new Edge("team-a/report", "team-a/database", "TCP 5432", false),
                        new Edge("team-a/backend", "0.0.0.0-255.255.255.255", "TCP 443", false),
                        new Edge("team-a/report", "0.0.0.0-255.255.255.255", "TCP 443,TCP 587", false),
                        new Edge("team-a/frontend", "kube-system/kube-dns", dns, false),
                        new Edge("team-a/backend", "kube-system/kube-dns", dns, false),
                        new Edge("team-a/migrate", "kube-system/kube-dns", dns, false),
                        new Edge("team-a/report", "kube-system/kube-dns", dns, false),
                        new Edge("monitoring/prometheus", "team-a/frontend", "TCP 9090", false),
                        new Edge("monitoring/prometheus", "team-a/backend", "TCP 9090", false)));
    }

    /**
     * The web shop as the post-renderer isolates it: its workloads reach each other freely (a mesh), the ingress
     * controller's pods reach the frontend, every workload asks kube-dns, Prometheus scrapes the backend.
     */
    static Diagram isolatedShop() {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        List<String> workloads = List.of("backend [Deployment]", "database [StatefulSet]", "frontend [Deployment]",
                "migrate [Job]", "report [CronJob]");
        for (String w : workloads) {
            nodes.add(new Node("team-a/" + w, w, "team-a", Kind.WORKLOAD, true));
            edges.add(new Edge("team-a/" + w, "kube-system/kube-dns", "TCP 53,UDP 53", true));
            for (String o : workloads) {
                if (!o.equals(w)) {
                    edges.add(new Edge("team-a/" + w, "team-a/" + o, "All Connections", false));
                }
            }
        }
        nodes.add(new Node("kube-system/kube-dns", "[pod with {k8s-app=kube-dns}]", "kube-system", Kind.CLUSTER_PEER,
                false));
        nodes.add(new Node("ingress-nginx/controller", "[pod with {app.kubernetes.io/name=ingress-nginx}]",
                "ingress-nginx", Kind.CLUSTER_PEER, false));
        nodes.add(new Node("any/prometheus", "[pod with {app.kubernetes.io/name=prometheus}]", "any", Kind.CLUSTER_PEER,
                false));
        edges.add(new Edge("ingress-nginx/controller", "team-a/frontend [Deployment]", "TCP 8080", true));
        edges.add(new Edge("any/prometheus", "team-a/backend [Deployment]", "TCP 8080", true));
        return new Diagram("Release shop in namespace team-a",
                List.of(new Group("team-a", "team-a", true), new Group("kube-system", "kube-system", false),
                        new Group("ingress-nginx", "ingress-nginx", false), new Group("any", "any namespace", false)),
                nodes, edges);
    }

    /**
     * A release in "app" with calls both ways (cycles), a loop, an edge without a label, a long name and a
     * long label, and clients in nine other namespaces.
     */
    static Diagram manyNamespaces() {
        List<Group> groups = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        groups.add(new Group("app", "app", true));
        for (String w : new String[] {"web", "api", "worker", "cache", "a-very-long-name-of-a-statefulset-that-goes-on-db"}) {
            nodes.add(new Node("app/" + w, w + " [Deployment]", "app", Kind.WORKLOAD, true));
        }
        edges.add(new Edge("app/web", "app/api", "TCP 8080", false));
        edges.add(new Edge("app/api", "app/web", "TCP 9000", false));
        edges.add(new Edge("app/api", "app/worker", "TCP 7000", false));
        edges.add(new Edge("app/worker", "app/api", "TCP 8080", false));
        edges.add(new Edge("app/worker", "app/cache", "TCP 6379", false));
        edges.add(new Edge("app/api", "app/cache", "TCP 6379", false));
        edges.add(new Edge("app/api", "app/a-very-long-name-of-a-statefulset-that-goes-on-db",
                "TCP 5432,TCP 5433,TCP 5434,TCP 5435,TCP 5436,UDP 5437", false));
        for (int i = 0; i < 9; i++) {
            String ns = "team-" + (char) ('b' + i);
            groups.add(new Group(ns, ns, false));
            nodes.add(new Node(ns + "/client", "client-" + i + " [Deployment]", ns, Kind.WORKLOAD, false));
            edges.add(new Edge(ns + "/client", i % 2 == 0 ? "app/web" : "app/api", "TCP 8080", false));
        }
        nodes.add(new Node("any", "any pod of any namespace", null, Kind.CLUSTER_PEER, false));
        edges.add(new Edge("any", "app/web", "TCP 80", false));
        edges.add(new Edge("any", "app/api", "TCP 80", false));
        edges.add(new Edge("app/web", "app/web", "TCP 8081", false));
        nodes.add(new Node("ext", "0.0.0.0-255.255.255.255 [External]", null, Kind.EXTERNAL, false));
        edges.add(new Edge("ext", "app/web", "TCP 443", false));
        edges.add(new Edge("app/worker", "ext", "TCP 443", false));
        edges.add(new Edge("app/worker", "app/cache", "", false));
        return new Diagram("Cycles, many namespaces, long names", groups, nodes, edges);
    }

    /**
     * A large release: {@code workloads} workloads in team-big in tiers that call the next tier, every one
     * resolving names with kube-dns, some reaching external ranges, a few peers, and random extra calls
     * until there are {@code edges} edges. Seeded: the same graph every time.
     */
    static Diagram large(int workloads, int edges, long seed) {
        Random random = new Random(seed);
        List<Group> groups = List.of(new Group("team-big", "team-big", true),
                new Group("kube-system", "kube-system", false),
                new Group("monitoring", "monitoring", false),
                new Group("ingress-nginx", "ingress-nginx", false));
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < workloads; i++) {
            nodes.add(new Node("w" + i, "service-" + i + " [Deployment]", "team-big", Kind.WORKLOAD, true));
        }
        nodes.add(new Node("dns", "kube-dns [Deployment]", "kube-system", Kind.WORKLOAD, false));
        nodes.add(new Node("prom", "prometheus", "monitoring", Kind.CLUSTER_PEER, false));
        nodes.add(new Node("ingress", "ingress-nginx-controller", "ingress-nginx", Kind.INGRESS_CONTROLLER, false));
        nodes.add(new Node("any", "any pod of any namespace", null, Kind.CLUSTER_PEER, false));
        for (int i = 0; i < 4; i++) {
            nodes.add(new Node("ext" + i, "10." + i + ".0.0-10." + i + ".255.255 [External]", null, Kind.EXTERNAL, false));
        }
        List<Edge> list = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.function.BiConsumer<String, String[]> add = (from, toAndLabel) -> {
            if (seen.add(from + ">" + toAndLabel[0])) {
                list.add(new Edge(from, toAndLabel[0], toAndLabel[1], false));
            }
        };
        int tiers = 5;
        for (int i = 0; i < workloads; i++) {
            add.accept("w" + i, new String[] {"dns", "UDP 53,TCP 53"});
            int tier = i * tiers / workloads;
            if (tier == 0) {
                add.accept("ingress", new String[] {"w" + i, "TCP 8080"});
            }
            if (i % 3 == 0) {
                add.accept("prom", new String[] {"w" + i, "TCP 9090"});
            }
            if (i % 7 == 0) {
                add.accept("w" + i, new String[] {"ext" + (i % 4), "TCP 443"});
            }
        }
        while (list.size() < edges) {
            int a = random.nextInt(workloads);
            int b = random.nextInt(workloads);
            if (a == b) {
                continue;
            }
            String label = random.nextInt(4) == 0 ? "TCP 5432,TCP 6379" : "TCP " + (8000 + random.nextInt(100));
            add.accept("w" + a, new String[] {"w" + b, label});
            if (random.nextInt(50) == 0) {
                add.accept("any", new String[] {"w" + a, "TCP 8443"});
            }
        }
        return new Diagram("A large release", groups, nodes, list.subList(0, edges));
    }
}
