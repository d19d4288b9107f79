package io.netpolguard.analyze.picture;

import io.netpolguard.analyze.Analysis;
import io.netpolguard.analyze.Diagram;
import io.netpolguard.analyze.Picture;

/** The one place a {@link Picture} is drawn, for {@code analyze --format=svg|html} and the Maven plugin alike. */
public final class Pictures {

    private Pictures() {
    }

    /** The picture of who may reach whom in an analysis: its {@link Diagram} as {@link Svg} or {@link Html}. */
    public static String draw(Picture picture, Analysis analysis) {
        Diagram diagram = Diagram.of(analysis);
        return switch (picture) {
            case SVG -> Svg.render(diagram);
            case HTML -> Html.render(diagram);
        };
    }
}
