package io.netpolguard.maven;

import io.netpolguard.analyze.Analyzer;
import io.netpolguard.analyze.Options;
import io.netpolguard.analyze.Picture;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.read.ManifestReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The Markdown list written beside the plugin's picture speaks to a Maven user. */
class ConnectivityTest {

    @Test
    void aGraphTooLargeForMermaidPointsToThePictureBesideItNotToTheCommandLine() {
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 40; i++) { // app i admits only the apps before it: 780 arrows, no mesh to fold them into
            stream.append("---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app").append(i)
                    .append(", namespace: team-a}\nspec:\n  selector: {matchLabels: {app: app").append(i)
                    .append("}}\n  template:\n    metadata: {labels: {app: app").append(i)
                    .append(", n: \"").append(i).append("\"}}\n    spec: {containers: [{name: c}]}\n");
            stream.append("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: app").append(i)
                    .append(", namespace: team-a}\nspec:\n  podSelector: {matchLabels: {app: app").append(i)
                    .append("}}\n  policyTypes: [Ingress, Egress]\n  egress: [{}]\n  ingress: [{from: [{podSelector: {matchExpressions:")
                    .append(" [{key: n, operator: In, values: [\"-1\"");
            for (int j = 0; j < i; j++) {
                stream.append(", \"").append(j).append('"');
            }
            stream.append("]}]}}]}]\n");
        }
        var manifest = new ManifestReader(WorkloadKind.BUILT_IN).read(stream.toString().getBytes(StandardCharsets.UTF_8));

        String markdown = Connectivity.of(Analyzer.analyze(manifest, Options.DEFAULT), Picture.SVG).markdown();

        assertThat(markdown).contains("is left out").contains("The picture written beside this file draws it.")
                .doesNotContain("netpol-guard analyze").doesNotContainPattern("(?<![\\w-])--[a-z]");
    }
}
