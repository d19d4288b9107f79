package io.netpolguard.robust;

import io.netpolguard.cli.PostRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Bad input of every kind ends with exit 2, nothing on stdout, and one paragraph on stderr that says what is
 * wrong, where, and what to do next; never a stack trace.
 */
class HostileInputTest {

    private static final String WEB = PostRenderer.WEB;

    private static final String CONFIG_MAP = """
            ---
            # Source: shop/templates/config.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: shop-config
            data:
              a: "1"
            """;

    /** Asserts the exit-2 contract and returns the paragraph (without the prefix) for message checks. */
    private static String error(PostRenderer.Run run) {
        assertThat(run.exit()).as(run.stderr()).isEqualTo(2);
        assertThat(run.stdout()).as("stdout").isEmpty();
        assertThat(run.stderr()).startsWith("netpol-guard: error: ").endsWith("\n")
                .doesNotContain("Exception", "\tat ", "\n\n");
        assertThat(run.stderr().lines().count()).as("one paragraph, one line: %s", run.stderr()).isEqualTo(1);
        return run.stderr().substring("netpol-guard: error: ".length());
    }

    @Test
    void aChartPolicyWithAnIpBlockThatIsNoCidrIsAnErrorNamingThePolicyNotAStackTrace() {
        String policy = """
                ---
                # Source: shop/templates/netpol.yaml
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: shop-egress}
                spec:
                  podSelector: {}
                  egress:
                    - to: [{ipBlock: {cidr: "10.0.0--- .0/8"}}]
                """;

        String message = error(PostRenderer.run(WEB + policy, "--release=shop"));

        assertThat(message).contains("shop-egress").contains("\"10.0.0--- .0\" is not an IPv4").contains("ipBlock");
    }

    @Test
    void malformedYamlNamesTheDocumentItsTemplateAndTheLine() {
        String broken = CONFIG_MAP.replace("  a: \"1\"", "  a: b: c");

        String message = error(PostRenderer.run(WEB + broken, "--release=shop"));

        assertThat(message).startsWith("Document 2 (shop/templates/config.yaml), line 26 is not valid YAML")
                .contains("helm template");
    }

    @Test
    void aDocumentThatIsNotAMappingIsRefusedAtItsLine() {
        String message = error(PostRenderer.run(WEB + "---\n# Source: shop/templates/list.yaml\n- just\n- a list\n",
                "--release=shop"));

        assertThat(message).startsWith("Document 2 (shop/templates/list.yaml), line 21")
                .contains("is not a mapping", "apiVersion and kind");
    }

    @Test
    void aScalarDocumentIsRefusedAsNotAMapping() {
        String message = error(PostRenderer.run(WEB + "---\njust some text\n", "--release=shop"));

        assertThat(message).startsWith("Document 2, line 20").contains("is not a mapping");
    }

    @Test
    void aWorkloadWithoutApiVersionIsRefusedNamingItsKind() {
        String message = error(PostRenderer.run(WEB.replace("apiVersion: apps/v1\n", ""), "--release=shop"));

        assertThat(message).startsWith("Document 1 (shop/templates/web.yaml), line 3")
                .contains("is a Deployment without apiVersion");
    }

    @Test
    void anObjectWithoutKindIsRefused() {
        String message = error(PostRenderer.run(WEB + CONFIG_MAP.replace("kind: ConfigMap\n", ""), "--release=shop"));

        assertThat(message).startsWith("Document 2 (shop/templates/config.yaml)").contains("has no kind");
    }

    @Test
    void twoObjectsOfTheSameKindNamespaceAndNameAreRefusedNamingBothDocuments() {
        String again = WEB.replace("shop/templates/web.yaml", "shop/templates/web-again.yaml");

        String message = error(PostRenderer.run(WEB + CONFIG_MAP + again, "--release=shop"));

        assertThat(message).contains("holds Deployment shop-web twice",
                "document 1 (shop/templates/web.yaml)", "document 3 (shop/templates/web-again.yaml)");
    }

    @Test
    void anObjectWithoutNamespaceAndTheSameObjectInTheReleaseNamespaceAreDuplicates() {
        String again = WEB.replace("  name: shop-web\n", "  name: shop-web\n  namespace: team-a\n");

        String message = error(PostRenderer.run(WEB + again, "--release=shop", "--namespace=team-a"));

        assertThat(message).contains("Deployment team-a/shop-web", "document 1", "document 2");
    }

    @Test
    void twoItemsOfOneListThatAreTheSameObjectAreRefused() {
        String list = """
                ---
                # Source: shop/templates/list.yaml
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: ConfigMap, metadata: {name: twice}}
                  - {apiVersion: v1, kind: ConfigMap, metadata: {name: twice}}
                """;

        String message = error(PostRenderer.run(WEB + list, "--release=shop"));

        assertThat(message).contains("holds ConfigMap twice twice", "document 2 (shop/templates/list.yaml)");
    }

    @Test
    void objectsOfTheSameNameInOtherNamespacesOrKindsAreNoDuplicates() {
        String otherNamespace = WEB.replace("  name: shop-web\n", "  name: shop-web\n  namespace: team-b\n");
        String otherKind = WEB.replace("kind: Deployment", "kind: StatefulSet");

        PostRenderer.Run run = PostRenderer.run(WEB + otherNamespace + otherKind, "--release=shop", "--namespace=team-a");

        assertThat(run.exit()).as(run.stderr()).isZero();
    }

    @Test
    void aPodTemplateWithoutLabelsIsRefusedWhenLabelInjectionIsOff() {
        String unlabelled = WEB.replace("    metadata:\n      labels:\n        app: web\n"
                + "        app.kubernetes.io/instance: shop\n", "");
        assertThat(unlabelled).doesNotContain("        app: web");

        String message = error(PostRenderer.run(unlabelled, "--release=shop", "--no-inject-labels"));

        assertThat(message).contains("Deployment (release namespace)/shop-web", "document 1",
                "no labels", "--no-inject-labels");
    }

    @Test
    void anAmbiguousReleaseIsRefusedWithTheArgumentToAdd() {
        String other = WEB.replace("shop-web", "blog-web").replace("instance: shop", "instance: blog");

        String message = error(PostRenderer.run(WEB + other));

        assertThat(message).contains("cannot tell the release name", "blog", "shop",
                "--post-renderer-args=--release=RELEASE");
    }

    @Test
    void anUnknownConfigurationKeyIsRefusedListingTheKnownOnes(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("netpol-guard.yaml");
        Files.writeString(config, "dns: null\nexemptNamespace: [kube-system]\n");

        String message = error(PostRenderer.run(WEB, "--release=shop", "--config=" + config));

        assertThat(message).contains(config.toString(), "unknown key \"exemptNamespace\"", "exemptNamespaces",
                "--help");
    }

    @Test
    void anUnknownDnsKeyInTheConfigurationIsRefused(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("netpol-guard.yaml");
        Files.writeString(config, "dns: {namespace: kube-system, prot: 53}\n");

        assertThat(error(PostRenderer.run(WEB, "--release=shop", "--config=" + config))).contains("unknown key \"dns.prot\"");
    }

    static String aliasBomb() {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n");
        sb.append("  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'm'; c++) {
            String prev = "*" + (char) (c - 1);
            sb.append("  ").append(c).append(": &").append(c).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        return sb.toString();
    }

    /** Nine levels of nine aliases each: 81 aliases, under the alias count, expanding to 9^9 (387 million) nodes. */
    static String billionLaughs() {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n");
        sb.append("  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String prev = "*" + (char) (c - 1);
            sb.append("  ").append(c).append(": &").append(c).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        return sb.toString();
    }

    /** Nine levels of merge keys, 72 aliases: under the alias limit, 9^8 merged maps when expanded naively. */
    static String mergeKeyBomb() {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: Pod\nx-bomb:\n  a: &a {x: \"1\"}\n");
        for (char c = 'b'; c <= 'i'; c++) {
            String prev = "*" + (char) (c - 1);
            sb.append("  ").append(c).append(": &").append(c).append(" {<<: [")
                    .append(String.join(",", java.util.Collections.nCopies(9, prev))).append("]}\n");
        }
        sb.append("metadata:\n  name: lol\n  labels:\n    <<: *i\n    app: lol\n");
        return sb.toString();
    }

    static String deeplyNested(int depth) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  a: " + "[".repeat(depth)
                + "]".repeat(depth) + "\n";
    }

    static byte[] hugeScalar(int megabytes) {
        byte[] head = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: huge}\ndata:\n  a: \""
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + megabytes * 1024 * 1024 + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        java.util.Arrays.fill(bytes, head.length, bytes.length - 2, (byte) 'x');
        bytes[bytes.length - 2] = '"';
        bytes[bytes.length - 1] = '\n';
        return bytes;
    }

    @Test
    void anAliasBombIsRefusedWithinOneSecond() {
        byte[] stream = (WEB + "---\n# Source: shop/templates/lol.yaml\n" + aliasBomb()).getBytes(StandardCharsets.UTF_8);

        String message = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> error(PostRenderer.run(stream,
                "--release=shop")));

        assertThat(message).startsWith("Document 2 (shop/templates/lol.yaml)").contains("aliases");
    }

    @Test
    void aBillionLaughsDocumentUnderTheAliasCountIsRefusedWithinOneSecond() {
        byte[] stream = (WEB + "---\n# Source: shop/templates/lol.yaml\n" + billionLaughs())
                .getBytes(StandardCharsets.UTF_8);

        String message = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> error(PostRenderer.run(stream,
                "--release=shop")));

        assertThat(message).startsWith("Document 2 (shop/templates/lol.yaml), line ")
                .contains("aliases that expand it to more than 1000000 nodes", "billion laughs");
    }

    @Test
    void aDocumentThatSharesAFewMapsThroughAnchorsIsNotMistakenForABomb() {
        String stream = WEB + """
                ---
                # Source: shop/templates/config.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: shared
                  labels: &labels {app: web, tier: front}
                  annotations: {note: x}
                data:
                  a: &list [1, 2, 3]
                  b: *list
                  c: {x: *list, y: *list}
                """;

        assertThat(PostRenderer.run(stream, "--release=shop").exit()).isZero();
    }

    @Test
    void aMergeKeyBombWithinTheAliasLimitIsRefusedWithinOneSecond() {
        byte[] stream = mergeKeyBomb().getBytes(StandardCharsets.UTF_8);

        PostRenderer.Run run = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> PostRenderer.run(stream, "--release=shop"));

        assertThat(error(run)).contains("nested merge keys");
    }

    @Test
    void aDeeplyNestedDocumentIsRefusedWithinOneSecond() {
        byte[] stream = (WEB + "---\n" + deeplyNested(100_000)).getBytes(StandardCharsets.UTF_8);

        String message = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> error(PostRenderer.run(stream,
                "--release=shop")));

        assertThat(message).startsWith("Document 2").contains("nesting", "200 levels");
    }

    @Test
    void aFiftyMegabyteScalarIsRefusedWithinOneSecond() {
        error(PostRenderer.run(hugeScalar(13), "--release=shop")); // compiles the code path first: we time netpol-guard, not the JIT
        byte[] stream = hugeScalar(50);

        String message = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> error(PostRenderer.run(stream,
                "--release=shop")));

        assertThat(message).startsWith("Document 1, starting at line 1, has more than the 12 Mi characters")
                .contains("(50 MiB)");
    }

    @Test
    void hostileDocumentsAreRefusedInAJvmWithAHeapOf256Megabytes(@TempDir Path dir) throws Exception {
        List<byte[]> streams = List.of(aliasBomb().getBytes(StandardCharsets.UTF_8),
                billionLaughs().getBytes(StandardCharsets.UTF_8),
                mergeKeyBomb().getBytes(StandardCharsets.UTF_8),
                deeplyNested(100_000).getBytes(StandardCharsets.UTF_8),
                hugeScalar(50));
        for (byte[] stream : streams) {
            long start = System.nanoTime();
            Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    "io.netpolguard.cli.Main", "--release=shop")
                    .redirectError(dir.resolve("stderr").toFile())
                    .start();
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(java.getInputStream()));
            try (OutputStream stdin = java.getOutputStream()) {
                stdin.write(stream);
            } catch (IOException closedEarly) {
                // netpol-guard may stop reading once it has refused the stream
            }
            assertThat(java.waitFor(30, TimeUnit.SECONDS)).as("finished").isTrue();
            // A whole process, JVM start included, on a machine busy with the rest of the build.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            String stderr = Files.readString(dir.resolve("stderr"));
            assertThat(java.exitValue()).as(stderr).isEqualTo(2);
            error(new PostRenderer.Run(2, stdout.get(), stderr));
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void binaryGarbageIsRefusedAsNotUtf8Text() {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);

        String message = error(PostRenderer.run(garbage, "--release=shop"));

        assertThat(message).contains("is not UTF-8 text (binary data?)", "what is piped into netpol-guard");
    }

    @Test
    void controlCharactersThatAreValidUtf8AreRefusedAsInvalidYaml() {
        String message = error(PostRenderer.run(WEB + "---\napiVersion: v1\nkind: ConfigMap\ndata: {a: \"\u0000\u0007\"}\n",
                "--release=shop"));

        assertThat(message).startsWith("Document 2, line 22 is not valid YAML").contains("control character U+0000");
    }

    @Test
    void anEmptyStreamIsRefusedSayingItIsEmptyAndThatHelmWouldRefuseItToo() {
        String message = error(PostRenderer.run(new byte[0], "--release=shop"));

        assertThat(message).contains("holds no Kubernetes object", "empty", "Helm also refuses an empty manifest");
    }

    @Test
    void aStreamOfSeparatorsAndCommentsOnlyIsRefusedAsEmpty() {
        String message = error(PostRenderer.run("---\n# Source: shop/templates/off.yaml\n---\n\n---\n", "--release=shop"));

        assertThat(message).contains("holds no Kubernetes object");
    }

    /** Set when anything builds a Canary from a YAML tag. */
    public static final class Canary {
        static volatile boolean built;

        public Canary() {
            built = true;
        }
    }

    @Test
    void aCustomTagIsRefusedAndNeverInstantiated() {
        Canary.built = false;
        String tagged = CONFIG_MAP.replace("a: \"1\"", "a: !!" + Canary.class.getName() + " {}");

        String message = error(PostRenderer.run(WEB + tagged, "--release=shop"));

        assertThat(message).startsWith("Document 2 (shop/templates/config.yaml), line 26")
                .contains("uses the YAML tag tag:yaml.org,2002:" + Canary.class.getName() + ", which netpol-guard refuses")
                .doesNotContain("not valid YAML");
        assertThat(Canary.built).isFalse();
    }

    @Test
    void aLocalTagIsRefusedToo() {
        String message = error(PostRenderer.run(WEB + CONFIG_MAP.replace("a: \"1\"", "a: !secret x"), "--release=shop"));

        assertThat(message).contains("YAML tag !secret");
    }

    @Test
    void aClassLoadingGadgetTagIsRefusedBeforeAnythingIsLoaded() {
        String gadget = "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: "
                + "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n";

        String message = error(PostRenderer.run(WEB + gadget, "--release=shop"));

        assertThat(message).contains("javax.script.ScriptEngineManager");
    }
}
