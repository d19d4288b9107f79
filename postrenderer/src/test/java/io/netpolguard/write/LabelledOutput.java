package io.netpolguard.write;

import io.netpolguard.NetpolGuard;
import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.model.Labels;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.read.ManifestReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The label-insertion tests' one fixture: a run for release "shop", its output, and what reading it back gives. */
final class LabelledOutput {

    static final String GENERATED = "---\n# Source: netpol-guard/";
    static final String RELEASE = "shop";

    private LabelledOutput() {
    }

    /** A post-render of {@code input} for release "shop". */
    static Result run(String input) {
        return NetpolGuard.run(input.getBytes(StandardCharsets.UTF_8), Settings.defaults().withRelease(RELEASE));
    }

    /** The whole output of a post-render of {@code input} for release "shop", which must not be refused. */
    static String output(String input) {
        Result result = run(input);
        assertThat(result.refused()).as("refused: " + result.unselected()).isFalse();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            result.writeTo(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The output cut before the generated NetworkPolicies. */
    static String labelled(String input) {
        String output = output(input);
        int cut = output.indexOf(GENERATED);
        assertThat(cut).as("the output has generated policies").isPositive();
        return output.substring(0, cut);
    }

    static List<Workload> workloads(String yaml) {
        return new ManifestReader(WorkloadKind.BUILT_IN).read(yaml.getBytes(StandardCharsets.UTF_8)).workloads();
    }

    /**
     * Asserts the exact output before the generated policies, and that reading it back gives each pod the release
     * label beside its own labels; returns the output.
     */
    static String assertLabelled(String input, String expected) {
        String output = output(input);
        assertThat(output).startsWith(expected);
        assertThat(output.substring(expected.length())).startsWith(GENERATED);

        List<Workload> before = workloads(input);
        List<Workload> after = workloads(output);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            Map<String, String> want = new TreeMap<>(before.get(i).podLabels());
            want.put(Labels.RELEASE, RELEASE);
            assertThat(new TreeMap<>(after.get(i).podLabels())).as(after.get(i).describe()).isEqualTo(want);
        }
        return output;
    }
}
