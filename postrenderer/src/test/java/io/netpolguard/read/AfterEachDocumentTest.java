package io.netpolguard.read;

import io.netpolguard.model.WorkloadKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader calls the process's callback (the command line's heap pacing) after each document it reads, on one core
 * and on all, and calls nothing when no callback is set (a library, such as the Maven plugin).
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

    @AfterEach
    void noCallback() {
        ManifestReader.afterEachDocument(null);
    }

    @Test
    void theCallbackRunsOnceAfterEachDocumentReadOneAtATime() {
        AtomicInteger calls = new AtomicInteger();
        ManifestReader.afterEachDocument(calls::incrementAndGet);

        new ManifestReader(WorkloadKind.BUILT_IN).read(DOCUMENTS.getBytes(StandardCharsets.UTF_8));

        assertThat(calls).hasValue(4);
    }

    @Test
    void theCallbackRunsOnceAfterEachDocumentReadOnAllCores() {
        AtomicInteger calls = new AtomicInteger();
        ManifestReader.afterEachDocument(calls::incrementAndGet);

        new ManifestReader(WorkloadKind.BUILT_IN, false, 0).read(DOCUMENTS.getBytes(StandardCharsets.UTF_8));

        assertThat(calls).hasValue(4);
    }

    @Test
    void withoutACallbackTheReaderReadsAsEver() {
        assertThat(new ManifestReader(WorkloadKind.BUILT_IN).read(DOCUMENTS.getBytes(StandardCharsets.UTF_8))
                .objects()).hasSize(3);
    }
}
