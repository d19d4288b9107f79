package io.netpolguard.analyze.picture;

import java.util.ArrayList;
import java.util.List;

/**
 * Cycles broken and nodes ranked. Takes the {@link Indexed} graph; gives which edges are turned round (those
 * that go backwards in a greedy feedback-arc-set order, after Eades, Lin and Smyth: such an edge is still drawn
 * with its arrow at its real target), each edge's ends once turned, and each node's rank: the longest path to
 * it in the turned graph, a source pulled next to its first successor.
 *
 * @param reversed whether each edge is turned round
 * @param src each edge's left end once turned (a node index)
 * @param dst each edge's right end once turned (the same as {@code src} for a loop)
 * @param rank each node's rank, from 0
 * @param maxRank the highest rank (0 for no nodes)
 */
record Ranks(boolean[] reversed, int[] src, int[] dst, int[] rank, int maxRank) {

    static Ranks of(Indexed g) {
        int n = g.nodes();
        int m = g.edges();
        int[] from = g.from();
        int[] to = g.to();

        // Cycles: edges against the greedy order are turned round.
        int[] order = feedbackOrder(n, from, to);
        int[] place = new int[n];
        for (int i = 0; i < n; i++) {
            place[order[i]] = i;
        }
        boolean[] reversed = new boolean[m];
        int[] src = new int[m];
        int[] dst = new int[m];
        for (int e = 0; e < m; e++) {
            reversed[e] = from[e] != to[e] && place[from[e]] > place[to[e]];
            src[e] = reversed[e] ? to[e] : from[e];
            dst[e] = reversed[e] ? from[e] : to[e];
        }

        // Ranks: longest path in the greedy order (a topological order of the turned graph).
        int[] rank = new int[n];
        List<List<Integer>> outEdges = new ArrayList<>(n);
        List<List<Integer>> inEdges = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            outEdges.add(new ArrayList<>());
            inEdges.add(new ArrayList<>());
        }
        for (int e = 0; e < m; e++) {
            if (src[e] != dst[e]) {
                outEdges.get(src[e]).add(e);
                inEdges.get(dst[e]).add(e);
            }
        }
        for (int i = 0; i < n; i++) {
            int v = order[i];
            for (int e : inEdges.get(v)) {
                rank[v] = Math.max(rank[v], rank[src[e]] + 1);
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            int v = order[i];
            if (inEdges.get(v).isEmpty() && !outEdges.get(v).isEmpty()) {
                int min = Integer.MAX_VALUE;
                for (int e : outEdges.get(v)) {
                    min = Math.min(min, rank[dst[e]]);
                }
                rank[v] = min - 1;
            }
        }
        int maxRank = 0;
        for (int i = 0; i < n; i++) {
            maxRank = Math.max(maxRank, rank[i]);
        }
        return new Ranks(reversed, src, dst, rank, maxRank);
    }

    /** A greedy feedback-arc-set order (Eades, Lin, Smyth 1993); ties go to the lower index. */
    private static int[] feedbackOrder(int n, int[] from, int[] to) {
        int[] outDeg = new int[n];
        int[] inDeg = new int[n];
        List<List<Integer>> outs = new ArrayList<>(n);
        List<List<Integer>> ins = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            outs.add(new ArrayList<>());
            ins.add(new ArrayList<>());
        }
        for (int e = 0; e < from.length; e++) {
            if (from[e] != to[e]) {
                outDeg[from[e]]++;
                inDeg[to[e]]++;
                outs.get(from[e]).add(to[e]);
                ins.get(to[e]).add(from[e]);
            }
        }
        boolean[] done = new boolean[n];
        int[] head = new int[n];
        int[] tail = new int[n];
        int heads = 0;
        int tails = 0;
        int left = n;
        while (left > 0) {
            boolean progress = true;
            while (progress) {
                progress = false;
                for (int v = 0; v < n; v++) {
                    if (!done[v] && outDeg[v] == 0) {
                        tail[tails++] = v;
                        remove(v, done, outDeg, inDeg, outs, ins);
                        left--;
                        progress = true;
                    }
                }
                for (int v = 0; v < n; v++) {
                    if (!done[v] && inDeg[v] == 0) {
                        head[heads++] = v;
                        remove(v, done, outDeg, inDeg, outs, ins);
                        left--;
                        progress = true;
                    }
                }
            }
            if (left > 0) {
                int best = -1;
                for (int v = 0; v < n; v++) {
                    if (!done[v] && (best < 0 || outDeg[v] - inDeg[v] > outDeg[best] - inDeg[best])) {
                        best = v;
                    }
                }
                head[heads++] = best;
                remove(best, done, outDeg, inDeg, outs, ins);
                left--;
            }
        }
        int[] order = new int[n];
        System.arraycopy(head, 0, order, 0, heads);
        for (int i = 0; i < tails; i++) {
            order[heads + i] = tail[tails - 1 - i];
        }
        return order;
    }

    private static void remove(int v, boolean[] done, int[] outDeg, int[] inDeg, List<List<Integer>> outs,
                               List<List<Integer>> ins) {
        done[v] = true;
        for (int w : outs.get(v)) {
            inDeg[w]--;
        }
        for (int w : ins.get(v)) {
            outDeg[w]--;
        }
    }
}
