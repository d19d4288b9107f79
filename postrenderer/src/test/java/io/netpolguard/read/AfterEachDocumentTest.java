package io.netpolguard.read;

import io.netpolguard.NetpolGuard;
import io.netpolguard.Settings;
import io.netpolguard.model.WorkloadKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader calls its run's callback (the command line's heap pacing) after each document it reads, on one core and
 * on all, and calls nothing when it was given none (a library, such as the Maven plugin). The callback belongs to
 * the run: another reader, or another run, in the same process calls nothing of it.
 */
class AfterEachDocumentTest {

    private static final String DOCUMENTS = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: b}
            ---
            # only a comment
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            """;

    private static final String DEPLOYMENT = """
            ---
            # Source: shop/templates/web.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: nginx}]
            """;

    @Test
    void theCallbackRunsOnceAfterEachDocumentReadOneAtATime() {
        AtomicInteger calls = new AtomicInteger();

        new ManifestReader(WorkloadKind.BUILT_IN).withAfterEachDocument(calls::incrementAndGet)
                .read(DOCUMENTS.getBytes(StandardCharsets.UTF_8));

        assertThat(calls).hasValue(4);
    }

    @Test
    void theCallbackRunsOnceAfterEachDocumentReadOnAllCores() {
        AtomicInteger calls = new AtomicInteger();

        new ManifestReader(WorkloadKind.BUILT_IN, false, 0).withAfterEachDocument(calls::incrementAndGet)
                .read(DOCUMENTS.getBytes(StandardCharsets.UTF_8));

        assertThat(calls).hasValue(4);
    }

    @Test
    void withoutACallbackTheReaderReadsAsEverAndAnotherReadersCallbackIsNotItsOwn() {
        AtomicInteger calls = new AtomicInteger();
        ManifestReader paced = new ManifestReader(WorkloadKind.BUILT_IN).withAfterEachDocument(calls::incrementAndGet);

        assertThat(new ManifestReader(WorkloadKind.BUILT_IN).read(DOCUMENTS.getBytes(StandardCharsets.UTF_8))
                .objects()).hasSize(3);
        assertThat(paced.read(DOCUMENTS.getBytes(StandardCharsets.UTF_8)).objects()).hasSize(3);
        assertThat(calls).hasValue(4);
    }

    @Test
    void aRunCallsItsSettingsCallbackForTheStreamAndForWhatItReadsBackAndAnotherRunCallsNothingOfIt() {
        AtomicInteger calls = new AtomicInteger();
        byte[] stream = DEPLOYMENT.getBytes(StandardCharsets.UTF_8);

        NetpolGuard.run(stream, Settings.defaults().withRelease("shop").withAfterEachDocument(calls::incrementAndGet));
        int paced = calls.get();
        NetpolGuard.run(stream, Settings.defaults().withRelease("shop"));

        // the Deployment read; then, written, the labelled Deployment and the policy appended, read back
        assertThat(paced).isEqualTo(3);
        assertThat(calls).hasValue(paced);
    }
}
