package io.netpolguard.plan;

import io.netpolguard.cli.PostRenderer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated policy never takes a name that an object of the stream already uses: in the cluster one of the two
 * would replace the other. It gets the collision suffix instead, or, when that is taken too, netpol-guard refuses and
 * names the document that holds the name.
 */
class GeneratedNamesTest {

    private static final Pattern NAME = Pattern.compile("(?m)^kind: NetworkPolicy\\nmetadata:\\n  name: (\\S+)$");

    private static String chartPolicy(String name) {
        return """
                ---
                # Source: shop/templates/netpol.yaml
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: %s
                spec:
                  podSelector: {matchLabels: {app: other}}
                  policyTypes: [Ingress]
                """.formatted(name);
    }

    @Test
    void aChartPolicyNamedLikeTheReleasePolicyKeepsItsNameAndTheGeneratedOneGetsTheSuffix() {
        String input = PostRenderer.WEB + chartPolicy("shop-netpol-guard");
        PostRenderer.Run run = PostRenderer.run(input, "--release=shop");
        assertThat(run.exit()).as(run.stderr()).isZero();

        List<String> names = policyNames(run.out());
        assertThat(names).hasSize(2).doesNotHaveDuplicates();
        assertThat(names.get(0)).isEqualTo("shop-netpol-guard");
        assertThat(names.get(1)).matches("shop-netpol-guard-[0-9a-f]{8}");
        assertThat(run.out()).contains(chartPolicy("shop-netpol-guard"));

        PostRenderer.Run second = PostRenderer.run(run.stdout(), "--release=shop");
        assertThat(second.exit()).as(second.stderr()).isZero();
        assertThat(second.out()).as("a second run changes nothing").isEqualTo(run.out());
    }

    @Test
    void aChartPolicyNamedLikeAWorkloadPolicyMakesThatOneTakeTheSuffix() {
        String input = PostRenderer.WEB + chartPolicy("netpol-guard-deployment-shop-web")
                .replace("{app: other}", "{app: web}");
        PostRenderer.Run run = PostRenderer.run(input, "--release=shop");
        assertThat(run.exit()).as(run.stderr()).isZero();
        List<String> names = policyNames(run.out());
        assertThat(names).doesNotHaveDuplicates().contains("netpol-guard-deployment-shop-web");
        assertThat(names.stream().filter(n -> n.matches("netpol-guard-deployment-shop-web-[0-9a-f]{8}")))
                .hasSize(1);
    }

    @Test
    void whenTheSuffixedNameIsTakenTooTheRunIsRefusedNamingTheDocumentThatHoldsIt() {
        PostRenderer.Run first = PostRenderer.run(PostRenderer.WEB + chartPolicy("shop-netpol-guard"),
                "--release=shop");
        String suffixed = policyNames(first.out()).get(1);
        assertThat(suffixed).matches("shop-netpol-guard-[0-9a-f]{8}");
        String input = PostRenderer.WEB + chartPolicy("shop-netpol-guard")
                + chartPolicy(suffixed).replace("netpol.yaml", "more.yaml");

        PostRenderer.Run run = PostRenderer.run(input, "--release=shop");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr().lines()).hasSize(1);
        assertThat(run.stderr()).contains(suffixed).contains("document 3 (shop/templates/more.yaml)");
    }

    @Test
    void aChartPolicyOfAnotherNamespaceDoesNotTakeTheName() {
        String input = PostRenderer.WEB + chartPolicy("shop-netpol-guard")
                .replace("  name: shop-netpol-guard\n", "  name: shop-netpol-guard\n  namespace: elsewhere\n");
        PostRenderer.Run run = PostRenderer.run(input, "--release=shop", "--namespace=team-a");
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(policyNames(run.out())).containsExactly("shop-netpol-guard", "shop-netpol-guard");
    }

    private static List<String> policyNames(String stream) {
        List<String> names = new ArrayList<>();
        Matcher m = NAME.matcher(stream);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
