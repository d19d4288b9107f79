package io.netpolguard.analyze.picture;

import io.netpolguard.analyze.Diagram.Group;
import io.netpolguard.analyze.Diagram.Node;
import io.netpolguard.analyze.picture.Layout.Box;
import io.netpolguard.analyze.picture.Layout.PlacedGroup;
import io.netpolguard.analyze.picture.Layout.PlacedNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.netpolguard.analyze.picture.Layout.BAND_GAP;
import static io.netpolguard.analyze.picture.Layout.CLIMB_RATIO;
import static io.netpolguard.analyze.picture.Layout.COLUMN_GAP;
import static io.netpolguard.analyze.picture.Layout.GROUP_FONT;
import static io.netpolguard.analyze.picture.Layout.GROUP_HEADER;
import static io.netpolguard.analyze.picture.Layout.GROUP_PAD;
import static io.netpolguard.analyze.picture.Layout.MARGIN;
import static io.netpolguard.analyze.picture.Layout.MAX_GAP;
import static io.netpolguard.analyze.picture.Layout.NODE_CHARS;
import static io.netpolguard.analyze.picture.Layout.NODE_H;
import static io.netpolguard.analyze.picture.Layout.SIDE_GAP;
import static io.netpolguard.analyze.picture.Layout.TITLE_SIZE;

/**
 * Coordinates. Takes the graph, its {@link Bands} and its ordered {@link Columns}; sets every element's x and y,
 * and gives each group's box, each node's box, and the right and bottom end of the drawing.
 *
 * <p>The bands are stacked top to bottom, but one that shares no column with the bands above it moves up beside
 * them. A group's box spans its band's height and its nodes' columns, so boxes never overlap and always contain
 * their nodes. Within the bands the elements are placed by {@link Isotonic}; then each band moves up or down,
 * as far as the bands above and below it allow, towards the nodes it is connected to. Last, the columns move
 * apart where edges between them climb far.
 *
 * @param groups each group's box
 * @param nodes each node's box and text
 * @param right the right end of the drawing (without the legend)
 * @param bottom its bottom end
 */
record Placement(List<PlacedGroup> groups, List<PlacedNode> nodes, double right, double bottom) {

    /** A band's top, the top and bottom of its elements (its content), and its bottom. */
    record Frame(double top, double contentTop, double contentBottom, double bottom) {
        Frame shifted(double dy) {
            return new Frame(top + dy, contentTop + dy, contentBottom + dy, bottom + dy);
        }
    }

    /** A group box's left and right end. */
    private record Extent(double left, double right) {
    }

    /**
     * @param notes for each group, the width its header needs besides its label (a {@link Mesh}'s note), or 0
     */
    static Placement of(Indexed g, Bands bands, Columns columns, double[] notes) {
        List<List<Elem>> layers = columns.layers;
        double top = MARGIN + (g.graph().title().isBlank() ? 0 : TITLE_SIZE + 16);
        double[] heights = heights(layers, bands.count());
        // Bands are stacked, but one that lies beside the bands above it (no column in common, judged at the
        // narrowest gaps: wider gaps only move them further apart) moves up beside them.
        double[] colW = columnWidths(layers);
        placeColumns(layers, colW, false);
        boolean[][] beside = beside(layers, bands, extents(g, columns.nodes, notes));
        Frame[] frames = stack(top, bands.boxed(), beside, heights);

        // Y within the bands; then each band moves towards its connections, within the room it has.
        Isotonic.stack(layers, frames);
        Isotonic.sweep(layers, frames, 16);
        moveBands(layers, frames, beside, top, bottom(top, frames));
        raise(layers, frames, top);

        // X: columns, wider apart where edges between them climb far.
        placeColumns(layers, colW, true);

        Extent[] extents = extents(g, columns.nodes, notes);
        List<Group> groupList = g.graph().groups();
        List<PlacedGroup> groups = new ArrayList<>(groupList.size());
        double right = MARGIN;
        for (int gi = 0; gi < groupList.size(); gi++) {
            Frame f = frames[bands.ofGroup()[gi]];
            Extent x = extents[gi];
            Box box = new Box(x.left(), f.top(), x.right() - x.left(), f.bottom() - f.top());
            groups.add(new PlacedGroup(groupList.get(gi), box));
            right = Math.max(right, box.right());
        }
        List<Node> nodeList = g.graph().nodes();
        List<PlacedNode> nodes = new ArrayList<>(nodeList.size());
        for (int i = 0; i < nodeList.size(); i++) {
            Elem el = columns.nodes[i];
            Node node = nodeList.get(i);
            nodes.add(new PlacedNode(node, new Box(el.x, el.y, el.w, el.h), Text.shorten(node.label(), NODE_CHARS)));
            right = Math.max(right, el.x + el.w);
        }
        for (Elem l : columns.labels) {
            right = Math.max(right, l.x + l.w);
        }
        return new Placement(groups, nodes, right, bottom(top, frames));
    }

    /** The height of each band's content: its tallest column of elements. */
    private static double[] heights(List<List<Elem>> layers, int bands) {
        double[] stack = new double[bands];
        for (List<Elem> layer : layers) {
            double[] sum = new double[bands];
            Elem prev = null;
            for (Elem el : layer) {
                if (prev != null && prev.band == el.band) {
                    sum[el.band] += Math.max(prev.gap(), el.gap());
                }
                sum[el.band] += el.h;
                prev = el;
            }
            for (int b = 0; b < bands; b++) {
                stack[b] = Math.max(stack[b], sum[b]);
            }
        }
        return stack;
    }

    /** Whether each two bands lie side by side: no column in common, and room to spare between them. */
    private static boolean[][] beside(List<List<Elem>> layers, Bands bands, Extent[] extents) {
        int count = bands.count();
        double[] bandLeft = new double[count];
        double[] bandRight = new double[count];
        Arrays.fill(bandLeft, Double.MAX_VALUE);
        Arrays.fill(bandRight, -Double.MAX_VALUE);
        for (List<Elem> layer : layers) {
            for (Elem el : layer) {
                bandLeft[el.band] = Math.min(bandLeft[el.band], el.x);
                bandRight[el.band] = Math.max(bandRight[el.band], el.x + el.w);
            }
        }
        for (int gi = 0; gi < extents.length; gi++) {
            int b = bands.ofGroup()[gi];
            bandLeft[b] = Math.min(bandLeft[b], extents[gi].left());
            bandRight[b] = Math.max(bandRight[b], extents[gi].right());
        }
        boolean[][] beside = new boolean[count][count];
        for (int b = 0; b < count; b++) {
            for (int o = 0; o < count; o++) {
                beside[b][o] = !(bandLeft[b] < bandRight[o] + SIDE_GAP && bandLeft[o] < bandRight[b] + SIDE_GAP);
            }
        }
        return beside;
    }

    /** The bands' frames, each band below the bands above it that are not beside it. */
    private static Frame[] stack(double top, boolean[] boxed, boolean[][] beside, double[] heights) {
        Frame[] frames = new Frame[boxed.length];
        for (int b = 0; b < frames.length; b++) {
            double y = top;
            for (int above = 0; above < b; above++) {
                if (!beside[b][above]) {
                    y = Math.max(y, frames[above].bottom() + BAND_GAP);
                }
            }
            double contentTop = y + (boxed[b] ? GROUP_HEADER + 4 : 0);
            double contentBottom = contentTop + Math.max(heights[b], boxed[b] ? NODE_H : 0);
            frames[b] = new Frame(y, contentTop, contentBottom, contentBottom + (boxed[b] ? GROUP_PAD : 0));
        }
        return frames;
    }

    /**
     * Each band in turn moves (by whole pixels) by the mean height of its edges to other bands, as far as the
     * bands above and below it, between {@code top} and {@code bottom}, allow; after a round in which one
     * moved, the elements are placed again.
     */
    private static void moveBands(List<List<Elem>> layers, Frame[] frames, boolean[][] beside, double top,
                                  double bottom) {
        int bands = frames.length;
        List<List<Elem>> members = new ArrayList<>(bands);
        for (int b = 0; b < bands; b++) {
            members.add(new ArrayList<>());
        }
        for (List<Elem> layer : layers) {
            for (Elem el : layer) {
                members.get(el.band).add(el);
            }
        }
        for (int round = 0; round < 3; round++) {
            boolean moved = false;
            for (int b = 0; b < bands; b++) {
                double sum = 0;
                int count = 0;
                for (Elem el : members.get(b)) {
                    for (Elem o : el.in) {
                        if (o.band != b) {
                            sum += o.cy() - el.cy();
                            count++;
                        }
                    }
                    for (Elem o : el.out) {
                        if (o.band != b) {
                            sum += o.cy() - el.cy();
                            count++;
                        }
                    }
                }
                if (count == 0) {
                    continue;
                }
                double lo = top;
                double hi = bottom;
                for (int o = 0; o < bands; o++) {
                    if (o != b && !beside[b][o]) {
                        if (o < b) {
                            lo = Math.max(lo, frames[o].bottom() + BAND_GAP);
                        } else {
                            hi = Math.min(hi, frames[o].top() - BAND_GAP);
                        }
                    }
                }
                Frame f = frames[b];
                double height = f.bottom() - f.top();
                double newTop = Math.max(lo, Math.min(hi - height, f.top() + sum / count));
                double shift = Math.rint(newTop - f.top());
                // newTop is never less than lo; it is more than hi - height only when the band has no room there.
                if (Math.abs(shift) >= 1 && newTop + height <= hi) {
                    frames[b] = f.shifted(shift);
                    for (Elem el : members.get(b)) {
                        el.y += shift;
                    }
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
            Isotonic.sweep(layers, frames, 6);
        }
    }

    /** When every band moved down from {@code top}, the whole drawing moves back up. */
    private static void raise(List<List<Elem>> layers, Frame[] frames, double top) {
        double topEnd = Double.MAX_VALUE;
        for (Frame f : frames) {
            topEnd = Math.min(topEnd, f.top());
        }
        if (frames.length > 0 && topEnd > top) {
            double shift = top - topEnd;
            for (int b = 0; b < frames.length; b++) {
                frames[b] = frames[b].shifted(shift);
            }
            for (List<Elem> layer : layers) {
                for (Elem el : layer) {
                    el.y += shift;
                }
            }
        }
    }

    /** The lowest band's bottom (at least {@code top}). */
    private static double bottom(double top, Frame[] frames) {
        double bottom = top;
        for (Frame f : frames) {
            bottom = Math.max(bottom, f.bottom());
        }
        return bottom;
    }

    private static double[] columnWidths(List<List<Elem>> layers) {
        double[] colW = new double[layers.size()];
        for (int c = 0; c < layers.size(); c++) {
            double w = 0;
            for (Elem el : layers.get(c)) {
                w = Math.max(w, el.kind == Elem.Kind.PASS ? 0 : el.w);
            }
            colW[c] = layers.get(c).isEmpty() ? 0 : Math.max(w, 12);
        }
        return colW;
    }

    /** Sets the elements' x: nodes and labels centred in their column, pass-throughs across it. */
    private static void placeColumns(List<List<Elem>> layers, double[] colW, boolean climbing) {
        double x = MARGIN + GROUP_PAD;
        for (int c = 0; c < layers.size(); c++) {
            List<Elem> layer = layers.get(c);
            if (layer.isEmpty()) {
                continue;
            }
            for (Elem el : layer) {
                if (el.kind == Elem.Kind.PASS) {
                    el.x = x;
                    el.w = colW[c];
                } else {
                    el.x = x + (colW[c] - el.w) / 2;
                }
            }
            x += colW[c] + (climbing ? gap(layer) : COLUMN_GAP);
        }
    }

    /** The gap after a column: wide enough that an edge climbing far to the next column is not too steep. */
    private static double gap(List<Elem> layer) {
        double climb = 0;
        for (Elem el : layer) {
            for (Elem o : el.out) {
                climb = Math.max(climb, Math.abs(o.cy() - el.cy()));
            }
        }
        return Math.max(COLUMN_GAP, Math.min(MAX_GAP, CLIMB_RATIO * climb));
    }

    /** The width a group's header needs for its label: the label and 10 px either side. */
    static double headerWidth(Group group) {
        return Text.width(Text.shorten(group.label(), NODE_CHARS), GROUP_FONT, true) + 20;
    }

    /** Each group's box, left and right: around its nodes, and wide enough for its header. */
    private static Extent[] extents(Indexed g, Elem[] nodes, double[] notes) {
        List<Group> groups = g.graph().groups();
        Extent[] extents = new Extent[groups.size()];
        for (int gi = 0; gi < groups.size(); gi++) {
            double left = Double.MAX_VALUE;
            double rightEnd = -Double.MAX_VALUE;
            for (int i = 0; i < nodes.length; i++) {
                if (g.groupOf()[i] == gi) {
                    left = Math.min(left, nodes[i].x);
                    rightEnd = Math.max(rightEnd, nodes[i].x + nodes[i].w);
                }
            }
            if (left == Double.MAX_VALUE) {
                left = MARGIN + GROUP_PAD;
                rightEnd = left;
            }
            double header = headerWidth(groups.get(gi)) + notes[gi];
            extents[gi] = new Extent(left - GROUP_PAD, Math.max(rightEnd + GROUP_PAD, left - GROUP_PAD + header));
        }
        return extents;
    }
}
