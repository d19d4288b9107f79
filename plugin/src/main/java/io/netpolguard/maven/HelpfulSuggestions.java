package io.netpolguard.maven;

import io.netpolguard.error.InputException;

import java.nio.file.Path;

/**
 * Build-failure messages that say what to do next, in the plugin's terms. The core words its own messages with the
 * plugin's parameters ({@link MavenWords}); these say which release and source a message is about.
 */
public final class HelpfulSuggestions {

    private HelpfulSuggestions() {
    }

    /**
     * Why the core refused the release and where its report is, or how its connectivity differs from the lock file
     * and how to rewrite that.
     */
    public static String refusal(Isolation.Outcome outcome) {
        String text = "netpol-guard refused release \"" + outcome.release() + "\" (" + outcome.source().describe()
                + "): " + outcome.checked().refusal().stripTrailing();
        return outcome.result().refused() ? text + "\nThe report is " + outcome.report() + "." : text;
    }

    public static String input(InputException e) {
        return "netpol-guard cannot use its input: " + e.paragraph();
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
}
