package io.netpolguard;

import io.netpolguard.config.Config;
import io.netpolguard.config.Words;

/**
 * What one run is asked to do.
 *
 * @param release      the Helm release name, or null to infer it from the app.kubernetes.io/instance label
 * @param namespace    the release namespace, or null when unknown (needed only for cross-namespace peers)
 * @param checkOnly    only verify the input as given: add nothing
 * @param injectLabels add the release label to pod templates (otherwise select pods by their own labels)
 * @param config       settings from the configuration file
 * @param strict       refuse a release whose chart policies connect it to the outside (cross-release findings)
 * @param words        how the front end names its settings in the advice of messages
 */
public record Settings(String release, String namespace, boolean checkOnly, boolean injectLabels, Config config,
                       boolean strict, Words words) {

    /** In the post-renderer's words. */
    public Settings(String release, String namespace, boolean checkOnly, boolean injectLabels, Config config,
                    boolean strict) {
        this(release, namespace, checkOnly, injectLabels, config, strict, Words.POST_RENDERER);
    }

    /** Not strict, in the post-renderer's words. */
    public Settings(String release, String namespace, boolean checkOnly, boolean injectLabels, Config config) {
        this(release, namespace, checkOnly, injectLabels, config, false);
    }

    public static Settings defaults() {
        return new Settings(null, null, false, true, Config.defaults());
    }

    public Settings withRelease(String release) {
        return new Settings(release, namespace, checkOnly, injectLabels, config, strict, words);
    }

    public Settings withStrict(boolean on) {
        return new Settings(release, namespace, checkOnly, injectLabels, config, on, words);
    }
}
