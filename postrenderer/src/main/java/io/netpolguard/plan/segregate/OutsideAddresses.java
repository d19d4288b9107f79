package io.netpolguard.plan.segregate;

import io.netpolguard.model.Workload;
import io.netpolguard.plan.allow.Release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The addresses outside the release that a workload's pods are given ({@link PodValues}: env, command, arguments,
 * the ConfigMaps and Secrets they read), each once per workload:
 * <ul>
 *   <li>a Service of another namespace or release: {@code name.ns.svc[.cluster.local]} always, {@code name.ns} with a
 *   port or scheme where {@code ns} is no common top-level domain;</li>
 *   <li>a host outside the cluster: a dotted name ending in a common top-level domain, with a port or scheme, or
 *   the whole value of a setting whose name says it holds an address ({@code SMTP_HOST});</li>
 *   <li>an IPv4 address with a port or scheme (not a loopback or wildcard address, which a program listens on).</li>
 * </ul>
 * A single word that names no Service of the release is not taken for another release's Service (a database, a
 * user, a profile would be), the API server's {@code kubernetes.default.svc} is the apiServer allowance's, and an
 * address under a setting that names a browser's origin ({@code CORS_ALLOWED_ORIGINS}) is no flow of the pod's.
 */
public final class OutsideAddresses {

    /** Top-level domains common enough that {@code name.tld} is a host outside the cluster, not a namespace. */
    private static final Set<String> TOP_LEVEL = Set.of("com", "net", "org", "io", "dev", "app", "cloud", "co", "ai",
            "me", "info", "biz", "us", "uk", "de", "fr", "eu", "nl", "se", "no", "fi", "dk", "ch", "at", "be", "es",
            "it", "pl", "jp", "cn", "in", "br", "au", "ca", "ru", "tech", "xyz", "site", "online", "gov", "edu",
            "example", "test", "invalid", "localhost", "local", "internal", "lan", "corp", "home", "arpa");

    /** Words of a setting's name that make its URL a browser's origin or a page's, not a flow of the pod's. */
    private static final Set<String> NOT_CALLED = Set.of("origin", "origins", "cors", "redirect", "callback",
            "homepage", "website");

    /** The port a URL's scheme implies, where it gives none. */
    private static final Map<String, Integer> SCHEME_PORTS = Map.ofEntries(Map.entry("http", 80),
            Map.entry("https", 443), Map.entry("ws", 80), Map.entry("wss", 443), Map.entry("postgres", 5432),
            Map.entry("postgresql", 5432), Map.entry("mysql", 3306), Map.entry("redis", 6379),
            Map.entry("rediss", 6379), Map.entry("amqp", 5672), Map.entry("amqps", 5671),
            Map.entry("mongodb", 27017), Map.entry("smtp", 25), Map.entry("smtps", 465), Map.entry("ldap", 389),
            Map.entry("ldaps", 636), Map.entry("nats", 4222), Map.entry("kafka", 9092));

    private OutsideAddresses() {
    }

    /** Every address outside the release that the release's governed workloads are given, in order. */
    public static List<OutsideAddress> find(Release release) {
        PodValues values = new PodValues(release.manifest().configData(), release.scope());
        // Per text and way of reading it: a ConfigMap that many workloads mount is read once.
        Map<String, Map<String, List<Address>>> read = new HashMap<>();
        List<OutsideAddress> found = new ArrayList<>();
        for (Workload w : release.workloads()) {
            Set<String> seen = new HashSet<>();
            for (Value value : values.of(w)) {
                if (value.key() != null && notCalled(value.key())) {
                    continue;
                }
                Map<String, List<Address>> readings = read.computeIfAbsent(value.text(), k -> new HashMap<>(2));
                List<Address> all = readings.get(value.reading());
                if (all == null) {
                    all = new ArrayList<>();
                    value.read(all);
                    readings.put(value.reading(), all);
                }
                for (Address a : all) {
                    Address paired = a.port() == 0 && value.port() > 0 ? a.withPort(value.port(), value.portFrom()) : a;
                    OutsideAddress o = outside(release, w, paired, value);
                    if (o != null && seen.add(o.host() + ":" + o.port())) {
                        found.add(o);
                    }
                }
            }
        }
        return found;
    }

    private static boolean notCalled(String key) {
        for (String word : Keys.words(key)) {
            if (NOT_CALLED.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** What an address names outside the release, or null when it names the release, the API server or no address. */
    private static OutsideAddress outside(Release release, Workload w, Address a, Value value) {
        String host = a.host();
        if (host.endsWith(Address.SERVICE_HOST)) {
            return null;
        }
        String scheme = scheme(a.text());
        int port = a.port() > 0 ? a.port() : scheme == null ? 0 : SCHEME_PORTS.getOrDefault(scheme, 0);
        boolean written = a.port() > 0 || scheme != null; // host:port or a URL, not a bare word
        if (Address.isIpv4(host)) {
            if (!written || host.startsWith("127.") || host.equals("0.0.0.0")) {
                return null;
            }
            return new OutsideAddress(w, OutsideAddress.Kind.IP, a.text(), host, null, port, value.where(),
                    value.document());
        }
        String[] parts = host.split("\\.", -1);
        int svc = Address.svcLabel(parts);
        if (svc >= 0) { // a cluster address: [pod.]service.namespace.svc[.cluster-domain]
            if (svc < 2 || svc > 3) {
                return null; // unreadable: ServiceUses says so
            }
            return service(release, w, a, value, parts[svc - 2], parts[svc - 1], port);
        }
        if (parts.length < 2) {
            return null;
        }
        String last = parts[parts.length - 1].toLowerCase(Locale.ROOT);
        if (TOP_LEVEL.contains(last)) {
            boolean named = value.form() == Value.Form.VALUE && value.key() != null && Keys.namesAddress(value.key());
            if (!written && !named || "localhost".equals(last) || host.endsWith(".cluster.local")) {
                return null;
            }
            return new OutsideAddress(w, OutsideAddress.Kind.HOST, a.text(), host, null, port, value.where(),
                    value.document());
        }
        if (parts.length == 2 && written && release.findService(release.scope().of(w.object()), parts[1]) == null) {
            // name.ns; not pod.service, one pod of the release's own headless Service
            return service(release, w, a, value, parts[0], parts[1], port);
        }
        return null;
    }

    /** A Service of namespace {@code ns}, unless it is the release's own or the API server. */
    private static OutsideAddress service(Release release, Workload w, Address a, Value value, String name, String ns,
                                          int port) {
        if (Address.isApiServer(name, ns)) {
            return null; // the API server: the apiServer allowance's
        }
        if (!isLabel(name) || !isLabel(ns) || release.findService(release.scope().of(ns), name) != null) {
            return null;
        }
        return new OutsideAddress(w, OutsideAddress.Kind.SERVICE, a.text(), name, ns, port, value.where(),
                value.document());
    }

    /** A DNS label as Kubernetes names Services and namespaces: lower case letters, digits and dashes. */
    private static boolean isLabel(String s) {
        if (s.isEmpty() || s.length() > 63 || s.startsWith("-") || s.endsWith("-")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The scheme of an address's text ("https" of "https://api.stripe.com"), or null. */
    private static String scheme(String text) {
        int at = text.indexOf("://");
        return at > 0 ? text.substring(0, at).toLowerCase(Locale.ROOT) : null;
    }
}
