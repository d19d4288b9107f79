package io.netpolguard.maven;

import java.io.File;

/**
 * A directory of plain Kubernetes manifests (every *.yaml and *.yml under it, in path order), as configured in
 * the pom:
 * <pre>
 * &lt;manifestDirectory&gt;
 *   &lt;directory&gt;src/main/k8s&lt;/directory&gt;
 *   &lt;release&gt;orders&lt;/release&gt;           (default: the artifactId for a single source, else the folder name)
 *   &lt;namespace&gt;team-a&lt;/namespace&gt;
 * &lt;/manifestDirectory&gt;
 * </pre>
 */
public class ManifestDirectory {

    File directory;
    String release;
    String namespace;
}
