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
 * @param afterEachDocument called after each document the run reads, on the thread that read it, or null: the
 *                     command line paces its own heap so; a library (the Maven plugin) sets none, as the heap is
 *                     not its own
 */
public record Settings(String release, String namespace, boolean checkOnly, boolean injectLabels, Config config,
                       boolean strict, Words words, Runnable afterEachDocument) {

    /** Calling nothing after each document. */
    public Settings(String release, String namespace, boolean checkOnly, boolean injectLabels, Config config,
                    boolean strict, Words words) {
        this(release, namespace, checkOnly, injectLabels, config, strict, words, null);
    }

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
        return new Settings(release, namespace, checkOnly, injectLabels, config, strict, words, afterEachDocument);
    }

    public Settings withStrict(boolean on) {
        return new Settings(release, namespace, checkOnly, injectLabels, config, on, words, afterEachDocument);
    }

    /** The same, calling {@code callback} after each document the run reads. */
    public Settings withAfterEachDocument(Runnable callback) {
        return new Settings(release, namespace, checkOnly, injectLabels, config, strict, words, callback);
    }
}
