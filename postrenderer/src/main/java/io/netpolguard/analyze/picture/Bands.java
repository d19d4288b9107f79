package io.netpolguard.analyze.picture;

import io.netpolguard.analyze.Diagram.Group;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The bands, the drawing's horizontal stripes. Takes the {@link Indexed} graph and its {@link Ranks}; gives one
 * band per group (drawn as its box), then one per rank that has nodes outside any group (no box), stacked in
 * the order that keeps connected bands near each other, and the band of each node and of each group.
 *
 * @param count how many bands there are
 * @param ofNode each node's band, as its position from the top (0 is the top band)
 * @param ofGroup each group's band, the same way
 * @param boxed whether each band (by position) is a group's, drawn as a box
 */
record Bands(int count, int[] ofNode, int[] ofGroup, boolean[] boxed) {

    static Bands of(Indexed g, Ranks ranks) {
        List<Group> groups = g.graph().groups();
        int[] groupOf = g.groupOf();
        int[] rank = ranks.rank();
        int n = g.nodes();
        // Band numbers: the groups' indexes, then one per rank with nodes outside any group, in rank order.
        boolean[] outside = new boolean[ranks.maxRank() + 1];
        for (int i = 0; i < n; i++) {
            if (groupOf[i] < 0) {
                outside[rank[i]] = true;
            }
        }
        int count = groups.size();
        int[] outsideBand = new int[outside.length];
        for (int r = 0; r < outside.length; r++) {
            outsideBand[r] = outside[r] ? count++ : -1;
        }
        int[] bandOf = new int[n];
        for (int i = 0; i < n; i++) {
            bandOf[i] = groupOf[i] >= 0 ? groupOf[i] : outsideBand[rank[i]];
        }
        // Positions.
        int[] position = bandOrder(count, groups, g.from(), g.to(), bandOf);
        int[] ofNode = new int[n];
        for (int i = 0; i < n; i++) {
            ofNode[i] = position[bandOf[i]];
        }
        int[] ofGroup = Arrays.copyOf(position, groups.size());
        boolean[] boxed = new boolean[count];
        for (int gi = 0; gi < groups.size(); gi++) {
            boxed[ofGroup[gi]] = true;
        }
        return new Bands(count, ofNode, ofGroup, boxed);
    }

    /**
     * The position (top to bottom) of each band: for up to 7 bands the order with the least total distance
     * between connected bands (the first such order in lexicographic order: highlighted groups come first
     * among equals); for more, barycentre passes and adjacent swaps.
     */
    private static int[] bandOrder(int bands, List<Group> groups, int[] from, int[] to, int[] bandOf) {
        long[][] weight = new long[bands][bands];
        for (int e = 0; e < from.length; e++) {
            int a = bandOf[from[e]];
            int b = bandOf[to[e]];
            if (a != b) {
                weight[a][b]++;
                weight[b][a]++;
            }
        }
        // Start: highlighted groups, then the others, then the bands outside any group.
        Integer[] start = new Integer[bands];
        for (int i = 0; i < bands; i++) {
            start[i] = i;
        }
        Arrays.sort(start, Comparator.comparingInt((Integer i) -> i < groups.size() && groups.get(i).highlighted() ? 0 : 1)
                .thenComparingInt(i -> i));
        int[] best = new int[bands]; // best[k] = band at position k
        for (int i = 0; i < bands; i++) {
            best[i] = start[i];
        }
        if (bands <= 7) {
            int[] perm = best.clone();
            long[] bestCost = {cost(perm, weight)};
            permute(perm, 0, weight, best, bestCost);
        } else {
            improve(best, weight);
        }
        int[] pos = new int[bands];
        for (int k = 0; k < bands; k++) {
            pos[best[k]] = k;
        }
        return pos;
    }

    private static void permute(int[] perm, int k, long[][] weight, int[] best, long[] bestCost) {
        if (k == perm.length) {
            long c = cost(perm, weight);
            if (c < bestCost[0]) {
                bestCost[0] = c;
                System.arraycopy(perm, 0, best, 0, perm.length);
            }
            return;
        }
        for (int i = k; i < perm.length; i++) {
            // Rotate perm[k..i] right by one, so that the enumeration is lexicographic in the start order.
            int chosen = perm[i];
            System.arraycopy(perm, k, perm, k + 1, i - k);
            perm[k] = chosen;
            permute(perm, k + 1, weight, best, bestCost);
            System.arraycopy(perm, k + 1, perm, k, i - k);
            perm[i] = chosen;
        }
    }

    private static long cost(int[] perm, long[][] weight) {
        long c = 0;
        for (int i = 0; i < perm.length; i++) {
            for (int j = i + 1; j < perm.length; j++) {
                c += weight[perm[i]][perm[j]] * (j - i);
            }
        }
        return c;
    }

    private static void improve(int[] order, long[][] weight) {
        int bands = order.length;
        for (int round = 0; round < 8; round++) {
            double[] bary = new double[bands];
            int[] posOf = new int[bands];
            for (int k = 0; k < bands; k++) {
                posOf[order[k]] = k;
            }
            for (int b = 0; b < bands; b++) {
                long sum = 0;
                long total = 0;
                for (int o = 0; o < bands; o++) {
                    sum += weight[b][o] * posOf[o];
                    total += weight[b][o];
                }
                bary[b] = total == 0 ? posOf[b] : (double) sum / total;
            }
            Integer[] next = new Integer[bands];
            for (int k = 0; k < bands; k++) {
                next[k] = order[k];
            }
            Arrays.sort(next, Comparator.comparingDouble((Integer b) -> bary[b]).thenComparingInt(b -> posOf[b]));
            int[] candidate = new int[bands];
            for (int k = 0; k < bands; k++) {
                candidate[k] = next[k];
            }
            if (cost(candidate, weight) < cost(order, weight)) {
                System.arraycopy(candidate, 0, order, 0, bands);
            }
        }
        boolean better = true;
        while (better) {
            better = false;
            for (int k = 0; k + 1 < bands; k++) {
                long before = cost(order, weight);
                int t = order[k];
                order[k] = order[k + 1];
                order[k + 1] = t;
                if (cost(order, weight) < before) {
                    better = true;
                } else {
                    order[k + 1] = order[k];
                    order[k] = t;
                }
            }
        }
    }
}
