package io.netpolguard.maven;

import io.netpolguard.error.InputException;
import io.netpolguard.NetpolGuard;
import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.config.Config;
import io.netpolguard.config.ConfigReader;
import io.netpolguard.config.Words;
import io.netpolguard.pipeline.Pipeline;
import io.netpolguard.read.StreamSplitter;
import io.netpolguard.report.CiFindings;
import io.netpolguard.report.ClosedFlowNotes;
import io.netpolguard.report.LockCheck;
import io.netpolguard.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every core message the plugin can show, made by the core in the plugin's words ({@link MavenWords}): none may name
 * a command-line option or the post-renderer's Helm flags, so that advice the core words without them fails here
 * rather than reaching a Maven user as advice they cannot follow.
 */
class HelpfulSuggestionsTest {

    private static final String UNLABELLED = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                spec:
                  containers: [{name: web, image: nginx}]
            """;
    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers: [{name: web, image: nginx}]
            """;

    private static Settings settings(String release, boolean checkOnly, boolean injectLabels) {
        return new Settings(release, null, checkOnly, injectLabels, Config.defaults(), false, MavenWords.WORDS);
    }

    private static Result run(String stream, Settings settings) {
        return NetpolGuard.run(stream.getBytes(StandardCharsets.UTF_8), settings);
    }

    private static String inputError(String stream, Settings settings) {
        InputException e = catchThrowableOfType(InputException.class, () -> run(stream, settings));
        assertThat(e).as("an input error").isNotNull();
        return HelpfulSuggestions.input(e);
    }

    private static void assertInMavensTerms(String message) {
        assertThat(message).doesNotContainPattern("(?<![\\w-])--[a-z]").doesNotContain("post-renderer")
                .doesNotContain("helm install").doesNotContain("netpol-guard --help");
    }

    @Test
    void aCheckOnlyRefusalSaysToSetCheckOnlyToFalse() {
        Settings settings = settings("shop", true, true);
        String message = Report.refusal(run(WEB, settings), settings);

        assertInMavensTerms(message);
        assertThat(message).contains("<checkOnly>false</checkOnly>");
    }

    @Test
    void aPodTemplateWithoutLabelsUnderInjectLabelsFalseSaysToSetInjectLabelsToTrue() {
        String message = inputError(UNLABELLED, settings("shop", false, false));

        assertInMavensTerms(message);
        assertThat(message).contains("<injectLabels>false</injectLabels>", "<injectLabels>true</injectLabels>");
    }

    @Test
    void aPodTemplateLabelledForAnotherReleaseSaysToSetTheReleaseParameter() {
        String other = WEB.replace("labels: {app: web}", "labels: {app: web, netpol-guard.io/release: shop}");
        String message = inputError(other, settings("store", false, true));

        assertInMavensTerms(message);
        assertThat(message).contains("<release>shop</release>");
    }

    @Test
    void anInvalidReleaseNameSaysToSetTheReleaseParameter() {
        String message = inputError(WEB, settings("Shop_1", false, true));

        assertInMavensTerms(message);
        assertThat(message).contains("<release>");
    }

    @Test
    void workloadsInTwoNamespacesWithoutANamespaceSayToSetTheNamespaceParameter() {
        String twoNamespaces = WEB + "---\n" + WEB.replace("metadata: {name: web}", "metadata: {name: db, namespace: data}");
        String message = inputError(twoNamespaces, settings("shop", false, true));

        assertInMavensTerms(message);
        assertThat(message).contains("<namespace>");
    }

    @Test
    void anUnreadableOrWrongConfigurationFileNamesTheConfigFileParameter() {
        InputException missing = catchThrowableOfType(InputException.class,
                () -> ConfigReader.read(Path.of("/nonexistent/netpol-guard.yaml"), MavenWords.WORDS));
        InputException unknown = catchThrowableOfType(InputException.class,
                () -> ConfigReader.parse("allowIngres: []\n", "file x.yaml", MavenWords.WORDS));

        assertInMavensTerms(HelpfulSuggestions.input(missing));
        assertThat(HelpfulSuggestions.input(missing)).contains("<configFile>");
        assertInMavensTerms(HelpfulSuggestions.input(unknown));
        assertThat(HelpfulSuggestions.input(unknown)).contains("mvn netpol-guard:help -Ddetail");
    }

    /** What `mvn netpol-guard:help -Ddetail -Dgoal=GOAL` prints: the plugin's generated help goal, run here. */
    static String help(String goal) throws Exception {
        io.netpolguard.maven.help.HelpMojo mojo = new io.netpolguard.maven.help.HelpMojo();
        for (String[] field : new String[][] {{"detail", "true"}, {"goal", goal}, {"lineLength", "120"},
                {"indentSize", "2"}}) {
            java.lang.reflect.Field f = mojo.getClass().getDeclaredField(field[0]);
            f.setAccessible(true);
            f.set(mojo, f.getType() == boolean.class ? (Object) Boolean.valueOf(field[1])
                    : f.getType() == int.class ? (Object) Integer.valueOf(field[1]) : field[1]);
        }
        StringBuilder printed = new StringBuilder();
        mojo.setLog(new org.apache.maven.monitor.logging.DefaultLog(new org.codehaus.plexus.logging.AbstractLogger(0,
                "help") {
            public void debug(String m, Throwable t) { }
            public void info(String m, Throwable t) { printed.append(m).append('\n'); }
            public void warn(String m, Throwable t) { printed.append(m).append('\n'); }
            public void error(String m, Throwable t) { printed.append(m).append('\n'); }
            public void fatalError(String m, Throwable t) { printed.append(m).append('\n'); }
            public org.codehaus.plexus.logging.Logger getChildLogger(String name) { return this; }
        }));
        mojo.execute();
        return printed.toString();
    }

    @Test
    void theHelpThatConfigurationErrorsPointToListsEveryConfigurationKey() throws Exception {
        InputException unknown = catchThrowableOfType(InputException.class,
                () -> ConfigReader.parse("exemptNamespace: []\n", "in the plugin's <config> parameter",
                        MavenWords.WORDS));
        assertThat(HelpfulSuggestions.input(unknown)).contains("mvn netpol-guard:help -Ddetail -Dgoal=isolate");

        String help = help("isolate").replaceAll("\\s+", " ");
        for (String key : List.of("dns", "exemptNamespaces", "workloadKinds", "apiServer", "ingressControllers",
                "monitoring", "allowances", "flows", "segregate", "podTemplatePath", "selectorPath", "podLabels",
                "cidrs", "workloads", "namespaceLabels", "except", "description", "webhooks", "externalTraffic",
                "ingressRoutes")) {
            assertThat(help).as("the help names %s", key).containsPattern("[{\\[ ,]" + key + "[:,} \\]]");
        }
    }

    @Test
    void aWarningUnderInjectLabelsFalseSaysToSetInjectLabelsToTrue() {
        String stream = WEB.replace("labels: {app: web}", "labels: {tier: back}") + "---\n"
                + WEB.replace("name: web}", "name: db}").replace("labels: {app: web}", "labels: {tier: back, app: db}")
                + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  policyTypes: [Ingress]
                """;
        Result result = run(stream, settings("shop", false, false));

        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("leaves ingress of"));
        result.warnings().forEach(HelpfulSuggestionsTest::assertInMavensTerms);
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("<injectLabels>true</injectLabels>"));
    }

    @Test
    void segregationWarningsNameTheSegregateParameter() {
        String stream = WEB.replace("containers: [{name: web, image: nginx}]", "containers: [{name: web, image: nginx,"
                + " env: [{name: PAY, value: 'https://payments.billing.svc.cluster.local'}]}]") + """
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  serviceName: db-headless
                  replicas: 2
                  template:
                    metadata:
                      labels: {app: db}
                    spec:
                      containers: [{name: db, image: postgres}]
                """;
        Result result = run(stream, new Settings("shop", null, false, true, Config.defaults().withSegregate(true), false,
                MavenWords.WORDS));

        assertThat(result.warnings()).isNotEmpty();
        result.warnings().forEach(HelpfulSuggestionsTest::assertInMavensTerms);
        assertThat(result.warnings()).allSatisfy(w -> assertThat(w).contains("with <segregate>true</segregate>"));
    }

    @Test
    void closedFlowsNameTheConfigFileParameterAndThePluginsReport() {
        String stream = WEB.replace("containers: [{name: web, image: nginx}]", "containers: [{name: web, image: nginx,"
                + " env: [{name: PAY, value: 'https://payments.billing.svc.cluster.local'}]}]");
        Result result = run(stream, settings("shop", false, true));
        List<String> blocks = ClosedFlowNotes.blocks(result.closedFlows(), MavenWords.WORDS);

        assertThat(blocks).hasSize(2);
        blocks.forEach(HelpfulSuggestionsTest::assertInMavensTerms);
        assertThat(blocks.get(0)).contains("payments.billing.svc.cluster.local", "(<configFile>)",
                "to: [{namespace: billing, podLabels: {app.kubernetes.io/name: payments}}]");
        assertThat(blocks.get(1)).contains("<release>-report.json");
    }

    private static final String OPEN_POLICY = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web}
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Ingress]
              ingress:
                - from: [{ipBlock: {cidr: 0.0.0.0/0}}]
            """;

    @Test
    void aStrictRefusalSaysToSetStrictToFalseForWarnings() {
        Settings settings = settings("shop", false, true).withStrict(true);
        Result result = run(WEB + OPEN_POLICY, settings);
        String message = Report.refusal(result, settings);

        assertThat(result.refused()).isTrue();
        assertInMavensTerms(message);
        assertThat(message).contains("<strict>true</strict> refuses", "<strict>false</strict>");
    }

    @Test
    void aConnectivityDriftSaysToBuildAgainWithUpdateExpect() {
        LockCheck drift = new LockCheck(Path.of("connectivity.txt"), LockCheck.Status.DRIFTED,
                List.of("- a => b : TCP 1", "+ a => b : TCP 2"));
        String message = drift.driftMessage(MavenWords.WORDS);

        assertInMavensTerms(message);
        assertThat(message).contains("-Dnetpol-guard.updateExpect=true", "<updateExpect>true</updateExpect>");
    }

    @Test
    void aMissingOrUnwritableLockFileNamesTheExpectParameter(@TempDir Path dir) throws IOException {
        InputException missing = catchThrowableOfType(InputException.class, () -> lock(dir.resolve("absent.txt"), false));
        Path aFile = Files.writeString(dir.resolve("file"), "x");
        InputException unwritable = catchThrowableOfType(InputException.class,
                () -> lock(aFile.resolve("lock.txt"), true));

        assertInMavensTerms(HelpfulSuggestions.input(missing));
        assertThat(HelpfulSuggestions.input(missing)).contains("given with <expect>", "-Dnetpol-guard.updateExpect=true");
        assertInMavensTerms(HelpfulSuggestions.input(unwritable));
        assertThat(HelpfulSuggestions.input(unwritable)).contains("Check the <expect> parameter.");
    }

    /** The steps after the core on the release WEB, with its connectivity lock in {@code file}. */
    private static void lock(Path file, boolean update) {
        Pipeline.run(StreamSplitter.split(WEB.getBytes(StandardCharsets.UTF_8)),
                new Pipeline.Request(settings("shop", false, true)).lock(file, update));
    }

    @Test
    void theFindingsForCiAreWordedForMavenToo() {
        Settings settings = settings("shop", true, true);
        Result result = run(WEB + OPEN_POLICY, settings);
        LockCheck drift = new LockCheck(Path.of("connectivity.txt"), LockCheck.Status.DRIFTED, List.of("+ x"));
        CiFindings ci = CiFindings.of(result, drift, settings);

        assertThat(ci.items()).extracting(CiFindings.Item::rule).contains(CiFindings.Rule.CROSS_RELEASE,
                CiFindings.Rule.LOCK_DRIFT);
        ci.items().forEach(i -> assertInMavensTerms(i.message()));
        for (CiFindings.Rule rule : CiFindings.Rule.values()) {
            assertInMavensTerms(rule.fullDescription());
        }
    }

    @Test
    void everyPhraseOfThePluginsWordsNamesItsParametersNotAnOption() throws Exception {
        for (java.lang.reflect.Method m : Words.class.getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Object[] args = m.getParameterCount() == 0 ? new Object[0] : new Object[] {"shop"};
            String phrase = (String) m.invoke(MavenWords.WORDS, args);
            assertThat(phrase).as(m.getName()).isNotBlank();
            assertInMavensTerms(phrase);
        }
    }
}
