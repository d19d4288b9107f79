package io.netpolguard.lock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines two texts do not share, in order: "- " for lines only the old one has, "+ " for lines only the new one
 * has. A longest common subsequence between the differing middles; a count of lines when those are too large for it
 * (lock files are sorted, so the order still reads well).
 */
public final class LineDiff {

    /** Above this many cells (old lines x new lines, after the common ends are cut) the diff counts lines instead. */
    private static final long MAX_CELLS = 4_000_000;

    private LineDiff() {
    }

    public static List<String> between(List<String> before, List<String> after) {
        int start = 0;
        while (start < before.size() && start < after.size() && before.get(start).equals(after.get(start))) {
            start++;
        }
        int endB = before.size();
        int endA = after.size();
        while (endB > start && endA > start && before.get(endB - 1).equals(after.get(endA - 1))) {
            endB--;
            endA--;
        }
        List<String> b = before.subList(start, endB);
        List<String> a = after.subList(start, endA);
        return (long) b.size() * a.size() <= MAX_CELLS ? lcs(b, a) : counted(b, a);
    }

    private static List<String> lcs(List<String> b, List<String> a) {
        int n = b.size();
        int m = a.size();
        int[][] len = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                len[i][j] = b.get(i).equals(a.get(j)) ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && b.get(i).equals(a.get(j))) {
                i++;
                j++;
            } else if (j < m && (i == n || len[i][j + 1] >= len[i + 1][j])) {
                out.add("+ " + a.get(j++));
            } else {
                out.add("- " + b.get(i++));
            }
        }
        return out;
    }

    private static List<String> counted(List<String> b, List<String> a) {
        Map<String, Integer> inAfter = new HashMap<>();
        a.forEach(l -> inAfter.merge(l, 1, Integer::sum));
        Map<String, Integer> inBefore = new HashMap<>();
        b.forEach(l -> inBefore.merge(l, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        for (String l : b) {
            if (inAfter.merge(l, -1, Integer::sum) < 0) {
                out.add("- " + l);
            }
        }
        for (String l : a) {
            if (inBefore.merge(l, -1, Integer::sum) < 0) {
                out.add("+ " + l);
            }
        }
        return out;
    }
}
