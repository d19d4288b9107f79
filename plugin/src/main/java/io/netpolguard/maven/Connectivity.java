package io.netpolguard.maven;

import io.netpolguard.analyze.Analysis;
import io.netpolguard.analyze.Analyzer;
import io.netpolguard.analyze.Diagram;
import io.netpolguard.analyze.Format;
import io.netpolguard.analyze.Options;
import io.netpolguard.analyze.picture.Html;
import io.netpolguard.analyze.picture.Svg;
import io.netpolguard.config.Config;
import io.netpolguard.model.Manifest;
import io.netpolguard.read.ManifestReader;
import io.netpolguard.read.StreamSplitter;

/**
 * Who may reach whom in an isolated release, written beside its manifests for people: a picture
 * ({@code <release>-connectivity.svg}, or {@code .html} with a table of every connection) and the Markdown list
 * ({@code <release>-connectivity.md}), both from the exact bytes written, with the peers outside the release.
 */
final class Connectivity {

    /** The picture to write. */
    enum Picture {
        SVG, HTML, NONE;

        /** The picture for its parameter value ("svg", "html", "none"), or null. */
        static Picture of(String name) {
            for (Picture p : values()) {
                if (p.name().equalsIgnoreCase(name.strip())) {
                    return p;
                }
            }
            return null;
        }
    }

    /**
     * @param picture  the picture's text
     * @param markdown the connection list as a Markdown table, with the exposure analysis
     */
    record Documents(String picture, String markdown) {
    }

    private Connectivity() {
    }

    /**
     * @param output    the isolated manifests, as written
     * @param release   the release, highlighted in the picture
     * @param namespace the release namespace, or null ("default", as analyze says for plain manifests)
     */
    static Documents of(byte[] output, String release, String namespace, Config config, Picture picture) {
        Manifest manifest = new ManifestReader(config.workloadKinds()).read(StreamSplitter.split(output));
        Options options = new Options(namespace == null ? "default" : namespace, true).withRelease(release)
                .withIngressControllers(config.ingressControllers());
        Analysis analysis = Analyzer.analyze(manifest, options);
        Diagram diagram = Diagram.of(analysis);
        return new Documents(picture == Picture.HTML ? Html.render(diagram) : Svg.render(diagram),
                Format.MD.render(analysis));
    }
}
