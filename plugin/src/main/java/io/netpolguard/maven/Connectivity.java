package io.netpolguard.maven;

import io.netpolguard.analyze.Analysis;
import io.netpolguard.analyze.Format;
import io.netpolguard.analyze.Picture;
import io.netpolguard.analyze.picture.Pictures;

/**
 * Who may reach whom in an isolated release, written beside its manifests for people: a picture
 * ({@code <release>-connectivity.svg}, or {@code .html} with a table of every connection) and the Markdown list
 * ({@code <release>-connectivity.md}, ending in the same graph as a Mermaid diagram, which GitHub and GitLab draw in a
 * pull request), both from the exact bytes written, with the peers outside the release.
 */
final class Connectivity {

    /**
     * @param picture  the picture's text
     * @param markdown the connection list as a Markdown table, with the exposure analysis and the Mermaid diagram
     */
    record Documents(String picture, String markdown) {
    }

    private Connectivity() {
    }

    static Documents of(Analysis analysis, Picture picture) {
        return new Documents(Pictures.draw(picture, analysis), Format.MD.render(analysis, MavenWords.WORDS));
    }
}
