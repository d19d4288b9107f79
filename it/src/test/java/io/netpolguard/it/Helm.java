package io.netpolguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One real Helm binary with its own, empty HELM_DATA_HOME, HELM_CONFIG_HOME and HELM_CACHE_HOME. */
final class Helm {

    final int major;
    final Path binary;
    final Path home;

    private Helm(int major, Path binary, Path home) {
        this.major = major;
        this.binary = binary;
        this.home = home;
    }

    static Helm helm3(String homeName) {
        return new Helm(3, E2e.helm3(), E2e.freshDir("homes", homeName));
    }

    static Helm helm4(String homeName) {
        return new Helm(4, E2e.helm4(), E2e.freshDir("homes", homeName));
    }

    Map<String, String> env() {
        Map<String, String> env = Proc.baseEnv(home);
        env.put("HELM_DATA_HOME", home.resolve("data").toString());
        env.put("HELM_CONFIG_HOME", home.resolve("config").toString());
        env.put("HELM_CACHE_HOME", home.resolve("cache").toString());
        return env;
    }

    Proc.Result run(String... args) {
        return run(Arrays.asList(args));
    }

    Proc.Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        return Proc.run(command, env(), home, null);
    }

    /** Runs and asserts exit 0. */
    Proc.Result ok(String... args) {
        Proc.Result r = run(args);
        assertThat(r.exit()).as("helm %s should succeed:\n%s", major, r.describe()).isZero();
        return r;
    }

    /** The post-renderer flag of this Helm version: a path for Helm 3, the plugin name for Helm 4. */
    String postRenderer() {
        return major == 3 ? E2e.LAUNCHER.toString() : "netpol-guard";
    }

    /** helm template REL CHART -n NS [--post-renderer ... --post-renderer-args=...]. */
    Proc.Result template(String release, Path chart, String namespace, boolean postRender, String... postRendererArgs) {
        List<String> args = new ArrayList<>(List.of("template", release, chart.toString(), "--namespace", namespace));
        if (postRender) {
            args.add("--post-renderer");
            args.add(postRenderer());
            for (String a : postRendererArgs) {
                args.add("--post-renderer-args=" + a);
            }
        }
        return run(args);
    }

    /** helm template with netpol-guard as post-renderer; asserts exit 0 and parses the output. */
    Manifests render(String release, Path chart, String namespace, String... postRendererArgs) {
        Proc.Result r = template(release, chart, namespace, true, postRendererArgs);
        assertThat(r.exit()).as("helm %s template with netpol-guard:\n%s", major, r.describe()).isZero();
        return Manifests.parse(r.out());
    }

    /** helm template without post-renderer (extra helm arguments appended); asserts exit 0 and parses the output. */
    Manifests plain(String release, Path chart, String namespace, String... helmArgs) {
        List<String> args = new ArrayList<>(List.of("template", release, chart.toString(), "--namespace", namespace));
        args.addAll(List.of(helmArgs));
        Proc.Result r = run(args);
        assertThat(r.exit()).as("plain helm %s template:\n%s", major, r.describe()).isZero();
        return Manifests.parse(r.out());
    }

    /** Installs the plugin tgz into this Helm's data home (Helm 4 only). */
    void installPluginTgz() {
        ok("plugin", "install", E2e.PLUGIN_TGZ.toString(), "--verify=false");
    }

    String version() {
        return ok("version", "--short").out().trim();
    }
}
