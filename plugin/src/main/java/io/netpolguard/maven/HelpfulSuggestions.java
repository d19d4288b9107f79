package io.netpolguard.maven;

import io.netpolguard.InputException;
import io.netpolguard.Result;
import io.netpolguard.report.Report;

import java.nio.file.Path;

/**
 * Build-failure messages that say what to do next, in the plugin's terms. The wording of a refusal is the core's
 * ({@link Report#refusal}); only its command-line option names are translated to the plugin's parameters.
 */
public final class HelpfulSuggestions {

    private HelpfulSuggestions() {
    }

    public static String refusal(Isolation.Outcome outcome, boolean checkOnly, boolean injectLabels) {
        Result result = outcome.result();
        String text = Report.refusal(result, checkOnly, injectLabels).stripTrailing();
        return "netpol-guard refused release \"" + outcome.release() + "\" (" + outcome.source().describe() + "): "
                + forMaven(text) + "\nThe report is " + outcome.report() + ".";
    }

    /** The release's connectivity differs from its lock file: the diff, and how to rewrite the file. */
    public static String drift(Isolation.Outcome outcome) {
        return "netpol-guard refused release \"" + outcome.release() + "\" (" + outcome.source().describe() + "): "
                + forMaven(outcome.lock().driftMessage().stripTrailing());
    }

    public static String input(InputException e) {
        return "netpol-guard cannot use its input: " + forMaven(e.paragraph());
    }

    public static String source(Isolation.SourceException e) {
        return e.getMessage() + (e.suggestion().isEmpty() ? "" : " " + e.suggestion());
    }

    public static String nothingToDo(Path defaultChartDir) {
        return "netpol-guard found nothing to isolate: no <charts> or <manifestDirectories> configured and no chart (a folder"
                + " with Chart.yaml) under " + defaultChartDir + ". Put the chart in " + defaultChartDir
                + "/<name>/, configure <charts><chart><directory>...</directory></chart></charts> or"
                + " <manifestDirectories><manifestDirectory><directory>...</directory></manifestDirectory></manifestDirectories>, or skip the plugin"
                + " with -Dnetpol-guard.skip=true.";
    }

    public static String helmLoad(Throwable e) {
        return "The embedded Helm (helm-java) cannot be loaded on " + System.getProperty("os.name") + "/"
                + System.getProperty("os.arch") + " (" + e + "). helm-java ships native libraries for"
                + " linux-amd64, linux-arm64, darwin and windows-amd64 (glibc 2.34 or newer on Linux). Use a helm"
                + " executable instead: <helmExecutable>helm</helmExecutable> or -Dnetpol-guard.helmExecutable=helm.";
    }

    /**
     * The core speaks in command-line options; say the plugin's parameter instead. HelpfulSuggestionsTest runs
     * every core message the plugin can show through this, so a change in the core's wording fails there.
     */
    static String forMaven(String text) {
        return text
                .replaceAll("Pass the release name you install with \\(--release=([^?)]*)\\?\\)",
                        "Set <release>$1</release> if that is the release")
                .replace("Pass the name you give `helm install`.", "Set <release> (or -Dnetpol-guard.release) to the"
                        + " release name you install with.")
                .replace("Run without --check-only", "Set <checkOnly>false</checkOnly> (or"
                        + " -Dnetpol-guard.checkOnly=false)")
                .replace("Run without --no-inject-labels", "Set <injectLabels>true</injectLabels>")
                .replace("run without --no-inject-labels", "set <injectLabels>true</injectLabels>")
                .replace("run with --no-inject-labels", "set <injectLabels>false</injectLabels>")
                .replace("--no-inject-labels", "<injectLabels>false</injectLabels>")
                .replace("--check-only", "<checkOnly>true</checkOnly>")
                .replace("Add `--post-renderer-args=--namespace=NAMESPACE` with the namespace you pass to `helm -n`.",
                        "Set <namespace> (or -Dnetpol-guard.namespace=NAMESPACE) to the namespace you install into.")
                .replace("See `netpol-guard --help` for the configuration keys.", "See `mvn netpol-guard:help -Ddetail"
                        + " -Dgoal=isolate` for the configuration keys (under configFile).")
                .replace("`netpol-guard --help`", "`mvn netpol-guard:help -Ddetail`")
                .replace("Check the path given with --config.", "Check the <configFile> parameter.")
                .replace("run again with --update-expect (with Helm, --post-renderer-args=--update-expect)",
                        "build again with -Dnetpol-guard.updateExpect=true (or <updateExpect>true</updateExpect>)")
                .replace("run once with --update-expect (with Helm, --post-renderer-args=--update-expect)",
                        "build once with -Dnetpol-guard.updateExpect=true (or <updateExpect>true</updateExpect>)")
                .replace("Check the path given with --expect.", "Check the <expect> parameter.")
                .replace("given with --expect", "given with <expect>")
                .replace("which --strict refuses", "which <strict>true</strict> refuses")
                .replace("under --segregate", "with <segregate>true</segregate>")
                .replace("run without --strict to have them as warnings",
                        "set <strict>false</strict> (or -Dnetpol-guard.strict=false) to have them as warnings");
    }
}
