package io.netpolguard.maven;

import io.netpolguard.config.Words;

/** The plugin's {@link Words}: its parameters ({@code <checkOnly>}) and their properties ({@code -Dnetpol-guard.*}). */
final class MavenWords implements Words {

    static final Words WORDS = new MavenWords();

    private MavenWords() {
    }

    @Override
    public String configFile() {
        return "<configFile>";
    }

    @Override
    public String configFileUnread() {
        return "Check the path given with <configFile>; without it netpol-guard uses its defaults.";
    }

    @Override
    public String configKeys() {
        return "See `mvn netpol-guard:help -Ddetail -Dgoal=isolate` for the configuration keys (under configFile).";
    }

    @Override
    public String releaseInvalid() {
        return "Set <release> (or -Dnetpol-guard.release) to the release name you install with.";
    }

    @Override
    public String releaseUnknown() {
        return releaseInvalid();
    }

    @Override
    public String releaseLabelled(String present) {
        return "set <release>" + present + "</release> if that is the release";
    }

    @Override
    public String exportFolder() {
        return "that the plugin's <outputDirectory> can be written";
    }

    @Override
    public String namespaceGiven(String namespace) {
        return "<namespace>" + namespace + "</namespace>";
    }

    @Override
    public String namespaceOption() {
        return "<namespace>";
    }

    @Override
    public String namespaceNeeded() {
        return "Set <namespace> (or -Dnetpol-guard.namespace=NAMESPACE) to the namespace you install into.";
    }

    @Override
    public String checkOnlyOff() {
        return "set <checkOnly>false</checkOnly> (or -Dnetpol-guard.checkOnly=false)";
    }

    @Override
    public String injectLabelsOn() {
        return "set <injectLabels>true</injectLabels>";
    }

    @Override
    public String injectLabelsOff() {
        return "set <injectLabels>false</injectLabels>";
    }

    @Override
    public String withoutInjectedLabels() {
        return "<injectLabels>false</injectLabels>";
    }

    @Override
    public String observed() {
        return "<observed>";
    }

    @Override
    public String observedFormat() {
        return "<observedFormat>";
    }

    @Override
    public String observedFormatGiven(String format) {
        return "<observedFormat>" + format + "</observedFormat>";
    }

    @Override
    public String pictureOfLargeGraph() {
        return "the picture written beside this file draws it";
    }

    @Override
    public String strict() {
        return "<strict>true</strict>";
    }

    @Override
    public String strictOff() {
        return "set <strict>false</strict> (or -Dnetpol-guard.strict=false)";
    }

    @Override
    public String report() {
        return "the report (<release>-report.json in <outputDirectory>)";
    }

    @Override
    public String segregated() {
        return "with <segregate>true</segregate>";
    }

    @Override
    public String expect() {
        return "<expect>";
    }

    @Override
    public String expectUnusable() {
        return "Check the <expect> parameter.";
    }

    @Override
    public String updateExpectOnce() {
        return "build once with -Dnetpol-guard.updateExpect=true (or <updateExpect>true</updateExpect>)";
    }

    @Override
    public String updateExpectAgain() {
        return "build again with -Dnetpol-guard.updateExpect=true (or <updateExpect>true</updateExpect>)";
    }
}
