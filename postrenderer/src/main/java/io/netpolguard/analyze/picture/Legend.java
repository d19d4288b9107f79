package io.netpolguard.analyze.picture;

import io.netpolguard.analyze.Diagram.Node;
import io.netpolguard.analyze.picture.Layout.Box;
import io.netpolguard.analyze.picture.Layout.PlacedGroup;
import io.netpolguard.analyze.picture.Layout.PlacedNode;

import java.util.ArrayList;
import java.util.List;

import static io.netpolguard.analyze.picture.Text.num;
import static io.netpolguard.analyze.picture.Text.xml;

/**
 * The legend under the {@link Svg} drawing: one sample of each kind of thing the drawing shows, painted as the
 * drawing paints it, in rows as wide as the drawing (at least 640 px).
 */
final class Legend {

    /**
     * One sample and its caption.
     *
     * @param node  the kind of node it shows; null for a group or the edge
     * @param group it shows a group's box
     */
    private record Item(String caption, Node.Kind node, boolean group, boolean highlighted) {
    }

    /** Every sample, in the order they are shown. */
    private static final Item[] ALL = {
        new Item("workload of the release", Node.Kind.WORKLOAD, false, true),
        new Item("workload", Node.Kind.WORKLOAD, false, false),
        new Item("cluster peer", Node.Kind.CLUSTER_PEER, false, false),
        new Item("ingress controller", Node.Kind.INGRESS_CONTROLLER, false, false),
        new Item("IP range outside the cluster", Node.Kind.EXTERNAL, false, false),
        new Item("namespace of the release", null, true, true),
        new Item("namespace", null, true, false),
        new Item("may connect to (protocols and ports)", null, false, false),
    };

    private static final double ROW = 26;
    private static final double SAMPLE_W = 34;
    private static final double SAMPLE_H = 18;
    /** How much longer the edge's sample is than the others. */
    private static final double EDGE_EXTRA = 40;
    private static final double GAP = 20;
    private static final double FONT = 11;

    private final List<Item> items;
    /** Each item's x and y, from the legend's left and top. */
    private final List<double[]> at = new ArrayList<>();
    final double width;
    final double height;

    private Legend(List<Item> items, double maxWidth) {
        this.items = items;
        double indent = Text.width("Legend", FONT, true) + 14;
        double x = indent;
        double y = 0;
        double w = 0;
        for (Item item : items) {
            double itemWidth = itemWidth(item);
            if (x > indent && x + itemWidth > maxWidth) {
                x = indent;
                y += ROW;
            }
            at.add(new double[] {x, y});
            x += itemWidth + GAP;
            w = Math.max(w, x - GAP);
        }
        height = items.isEmpty() ? 0 : y + ROW;
        width = w + Layout.MARGIN;
    }

    private static boolean isEdge(Item item) {
        return item.node() == null && !item.group();
    }

    private static double itemWidth(Item item) {
        double sample = isEdge(item) ? SAMPLE_W + EDGE_EXTRA : SAMPLE_W;
        return sample + 6 + Text.width(item.caption(), FONT, false);
    }

    /** The legend of what the layout shows: its kinds of nodes, of groups, and the edge when there are edges. */
    static Legend of(Layout layout) {
        boolean[] seen = new boolean[ALL.length];
        for (PlacedNode pn : layout.nodes) {
            Node n = pn.node();
            switch (n.kind()) {
                case WORKLOAD -> seen[n.highlighted() ? 0 : 1] = true;
                case CLUSTER_PEER -> seen[2] = true;
                case INGRESS_CONTROLLER -> seen[3] = true;
                case EXTERNAL -> seen[4] = true;
            }
        }
        for (PlacedGroup pg : layout.groups) {
            seen[pg.group().highlighted() ? 5 : 6] = true;
        }
        seen[7] = !layout.edges.isEmpty() || !layout.meshes.isEmpty();
        List<Item> items = new ArrayList<>();
        for (int k = 0; k < ALL.length; k++) {
            if (seen[k]) {
                items.add(ALL[k]);
            }
        }
        return new Legend(items, Math.max(640, layout.right - Layout.MARGIN));
    }

    /** Writes the legend with its top left corner at ({@code left}, {@code top}); nothing when it is empty. */
    void write(StringBuilder b, double left, double top) {
        if (items.isEmpty()) {
            return;
        }
        b.append("<g class=\"legend\" font-size=\"").append(num(FONT)).append("\" fill=\"#52606d\">");
        b.append("<text x=\"").append(num(left)).append("\" y=\"").append(num(top + SAMPLE_H / 2 + 4))
                .append("\" font-weight=\"bold\">Legend</text>");
        for (int k = 0; k < items.size(); k++) {
            Item item = items.get(k);
            double x = left + at.get(k)[0];
            double y = top + at.get(k)[1];
            Box box = new Box(x, y, SAMPLE_W, SAMPLE_H);
            double textX = x + SAMPLE_W + 6;
            if (item.node() != null) {
                Svg.shape(b, item.node(), box, Svg.nodePaint(item.node(), item.highlighted()));
            } else if (item.group()) {
                Svg.rect(b, box, 5, Svg.groupPaint(item.highlighted()));
            } else {
                textX = edge(b, x, y);
            }
            b.append("<text x=\"").append(num(textX)).append("\" y=\"").append(num(y + SAMPLE_H / 2 + 4))
                    .append("\">").append(xml(item.caption())).append("</text>");
        }
        b.append("</g>\n");
    }

    /** The edge's sample: an arrow with a "TCP 80" label; returns where its caption starts. */
    private static double edge(StringBuilder b, double x, double y) {
        double cy = y + SAMPLE_H / 2;
        double end = x + SAMPLE_W + EDGE_EXTRA;
        b.append("<path d=\"M").append(num(x)).append(',').append(num(cy)).append(" L")
                .append(num(end)).append(',').append(num(cy)).append("\" stroke=\"").append(Svg.SLATE)
                .append("\" stroke-width=\"1.3\" fill=\"none\" marker-end=\"url(#arrow-slate)\"/>");
        double pw = Text.width("TCP 80", Layout.LABEL_FONT, false) + 2 * Layout.PILL_PAD_X;
        double px = x + (SAMPLE_W + EDGE_EXTRA - pw) / 2 - 4;
        b.append("<rect x=\"").append(num(px)).append("\" y=\"").append(num(cy - 8))
                .append("\" width=\"").append(num(pw)).append("\" height=\"16\" rx=\"8\"")
                .append(" fill=\"#ffffff\" stroke=\"").append(Svg.SLATE).append("\" stroke-width=\"0.9\"/>");
        b.append("<text x=\"").append(num(px + pw / 2)).append("\" y=\"").append(num(cy + 3.8))
                .append("\" font-size=\"").append(num(Layout.LABEL_FONT))
                .append("\" text-anchor=\"middle\" fill=\"#243b53\">TCP 80</text>");
        return end + 6;
    }
}
