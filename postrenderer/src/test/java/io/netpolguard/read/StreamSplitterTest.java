package io.netpolguard.read;

import io.netpolguard.model.RawDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class StreamSplitterTest {

    private static List<String> texts(List<RawDocument> documents) {
        return documents.stream()
                .map(d -> new String(d.bytes(), d.offset(), d.length(), StandardCharsets.UTF_8)).toList();
    }

    private static byte[] concatenate(List<RawDocument> documents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RawDocument d : documents) {
            out.write(d.bytes(), d.offset(), d.length());
        }
        return out.toByteArray();
    }

    static Stream<Arguments> streams() {
        return Stream.of(
                arguments("leading separator", "---\na: 1\n---\nb: 2\n",
                        List.of("---\na: 1\n", "---\nb: 2\n")),
                arguments("no leading separator", "a: 1\n---\nb: 2\n",
                        List.of("a: 1\n", "---\nb: 2\n")),
                arguments("separator with a comment", "---\na: 1\n--- # Source: c/t.yaml\nb: 2\n",
                        List.of("---\na: 1\n", "--- # Source: c/t.yaml\nb: 2\n")),
                arguments("Helm's separator and source line", "---\n# Source: c/a.yaml\na: 1\n---\n# Source: c/b.yaml\nb: 2\n",
                        List.of("---\n# Source: c/a.yaml\na: 1\n", "---\n# Source: c/b.yaml\nb: 2\n")),
                arguments("separator at the very end without newline", "a: 1\n---",
                        List.of("a: 1\n", "---")),
                arguments("separator at the end with newline", "a: 1\n---\n",
                        List.of("a: 1\n", "---\n")),
                arguments("four dashes are not a separator", "a: |\n  x\n----\nb: 2\n",
                        List.of("a: |\n  x\n----\nb: 2\n")),
                arguments("three dashes and a letter are not a separator", "---x: 1\n",
                        List.of("---x: 1\n")),
                arguments("indented dashes are not a separator", "a: |\n  ---\n  b\n",
                        List.of("a: |\n  ---\n  b\n")),
                arguments("separator followed by a tab", "a: 1\n---\tb: 2\n",
                        List.of("a: 1\n", "---\tb: 2\n")),
                arguments("CRLF line ends", "---\r\na: 1\r\n---\r\nb: 2\r\n",
                        List.of("---\r\na: 1\r\n", "---\r\nb: 2\r\n")),
                arguments("empty documents", "---\n---\n---\na: 1\n",
                        List.of("---\n", "---\n", "---\na: 1\n")),
                arguments("no trailing newline", "---\na: 1",
                        List.of("---\na: 1")),
                arguments("comments only", "# nothing\n", List.of("# nothing\n")),
                arguments("non-ASCII text", "---\na: \"日本 🚀\"\n---\nb: ü\n",
                        List.of("---\na: \"日本 🚀\"\n", "---\nb: ü\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void theDocumentsPutBackTogetherAreTheInputExactly(String caseName, String input, List<String> expected) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        List<RawDocument> documents = StreamSplitter.split(bytes);
        assertThat(concatenate(documents)).isEqualTo(bytes);
        assertThat(texts(documents)).containsExactlyElementsOf(expected);
    }

    @Test
    void documentsAreNumberedFromOneInStreamOrder() {
        List<RawDocument> documents = StreamSplitter.split("a: 1\n---\nb: 2\n---\nc: 3\n".getBytes(StandardCharsets.UTF_8));
        assertThat(documents).extracting(RawDocument::number).containsExactly(1, 2, 3);
    }

    @Test
    void eachDocumentKnowsTheStreamLineItStartsOn() {
        String input = "---\n# Source: c/a.yaml\na: 1\n\n---\r\nb: 2\r\nc: 3\r\n---\nd: 4\n";
        List<RawDocument> documents = StreamSplitter.split(input.getBytes(StandardCharsets.UTF_8));
        assertThat(documents).extracting(RawDocument::firstLine).containsExactly(1, 5, 8);
    }

    @Test
    void anEmptyStreamIsOneEmptyDocument() {
        List<RawDocument> documents = StreamSplitter.split(new byte[0]);
        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).length()).isZero();
        assertThat(documents.get(0).firstLine()).isEqualTo(1);
    }

    @Test
    void aByteOrderMarkStaysWithTheFirstDocument() {
        byte[] bytes = "\uFEFF---\na: 1\n---\nb: 2\n".getBytes(StandardCharsets.UTF_8);
        List<RawDocument> documents = StreamSplitter.split(bytes);
        assertThat(concatenate(documents)).isEqualTo(bytes);
        assertThat(texts(documents)).containsExactly("\uFEFF---\na: 1\n", "---\nb: 2\n");
    }

    @Test
    void theSourceCommentAfterTheSeparatorNamesTheTemplate() {
        List<RawDocument> documents = StreamSplitter.split(
                "---\n# Source: shop/templates/web.yaml\na: 1\n---\nb: 2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(documents.get(0).source()).isEqualTo("shop/templates/web.yaml");
        assertThat(documents.get(0).describe()).isEqualTo("document 1 (shop/templates/web.yaml)");
        assertThat(documents.get(1).source()).isNull();
        assertThat(documents.get(1).describe()).isEqualTo("document 2");
    }

    @Test
    void aStreamArrivingInTinyPiecesAcrossReadBoundariesIsCutExactlyLikeTheWholeStream() throws Exception {
        StringBuilder sb = new StringBuilder();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 400; i++) {
            sb.append(i % 3 == 0 ? "--- # doc " + i + "\r\n" : "---\n").append("kind: ConfigMap\ndata:\n  x: \"");
            sb.append("y".repeat(random.nextInt(600))).append("\"\n  z: |\n    ---- not a separator\n");
        }
        byte[] stream = sb.append("---").toString().getBytes(StandardCharsets.UTF_8);
        java.io.InputStream trickle = new java.io.ByteArrayInputStream(stream) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
            }
        };

        List<RawDocument> whole = StreamSplitter.split(stream);
        List<RawDocument> pieces = StreamSplitter.split(trickle, Long.MAX_VALUE);

        assertThat(pieces).hasSize(whole.size()).hasSize(401);
        for (int i = 0; i < whole.size(); i++) {
            assertThat(text(pieces.get(i))).isEqualTo(text(whole.get(i)));
            assertThat(pieces.get(i).firstLine()).isEqualTo(whole.get(i).firstLine());
        }
    }

    @Test
    void aStreamLargerThanTheLimitIsRefusedWithoutReadingItAll() {
        byte[] stream = "---\nkind: ConfigMap\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> StreamSplitter.split(new java.io.ByteArrayInputStream(stream), 4096))
                .isInstanceOf(io.netpolguard.error.InputException.class).hasMessageContaining("larger than");
    }

    private static String text(RawDocument d) {
        return new String(d.bytes(), d.offset(), d.length(), StandardCharsets.UTF_8);
    }
}
