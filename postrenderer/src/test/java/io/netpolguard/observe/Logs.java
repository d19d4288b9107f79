package io.netpolguard.observe;

import io.netpolguard.config.Words;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Reads a flow log given as text, for the reader tests. */
final class Logs {

    private Logs() {
    }

    static Observed read(String text, FlowFormat format) {
        try {
            return ObservedFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "flows.log",
                    format, Words.COMMAND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each folded flow as "source => destination on TCP 443", with its count. */
    static Map<String, Long> flows(Observed o) {
        Map<String, Long> result = new TreeMap<>();
        o.flows().forEach((f, n) -> result.put(f.describe(), n[0]));
        return result;
    }
}
