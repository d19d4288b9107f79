package io.netpolguard;

import io.netpolguard.config.Config;

/**
 * What one run is asked to do.
 *
 * @param release      the Helm release name, or null to infer it from the app.kubernetes.io/instance label
 * @param namespace    the release namespace, or null when unknown (needed only for cross-namespace peers)
 * @param checkOnly    only verify the input as given: add nothing
 * @param injectLabels add the release label to pod templates (otherwise select pods by their own labels)
 * @param config       settings from the configuration file
 * @param strict       refuse a release whose chart policies connect it to the outside (cross-release findings)
 */
public record Settings(String release, String namespace, boolean checkOnly, boolean injectLabels, Config config,
                       boolean strict) {

    /** Not strict. */
    public Settings(String release, String namespace, boolean checkOnly, boolean injectLabels, Config config) {
        this(release, namespace, checkOnly, injectLabels, config, false);
    }

    public static Settings defaults() {
        return new Settings(null, null, false, true, Config.defaults());
    }

    public Settings withRelease(String release) {
        return new Settings(release, namespace, checkOnly, injectLabels, config, strict);
    }

    public Settings withStrict(boolean on) {
        return new Settings(release, namespace, checkOnly, injectLabels, config, on);
    }
}
