package io.netpolguard.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chart to render, as configured in the pom:
 * <pre>
 * &lt;chart&gt;
 *   &lt;directory&gt;src/main/helm/shop&lt;/directory&gt;
 *   &lt;release&gt;shop&lt;/release&gt;             (default: the artifactId for a single source, else the folder name)
 *   &lt;namespace&gt;team-a&lt;/namespace&gt;        (default: the namespace parameter)
 *   &lt;valuesFiles&gt;&lt;valuesFile&gt;src/main/helm/prod.yaml&lt;/valuesFile&gt;&lt;/valuesFiles&gt;
 *   &lt;values&gt;&lt;replicaCount&gt;2&lt;/replicaCount&gt;&lt;/values&gt; (like --set; keys may contain dots)
 * &lt;/chart&gt;
 * </pre>
 */
public class Chart {

    File directory;
    String release;
    String namespace;
    List<File> valuesFiles = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();

    public Chart() {
    }

    Chart(File directory) {
        this.directory = directory;
    }
}
