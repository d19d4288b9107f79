package io.netpolguard.config;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean ...?" for a name that is not known (a command-line option, a configuration key, a Maven parameter):
 * the known name a typo of it most likely is. Loaded only on the error path.
 */
public final class DidYouMean {

    private DidYouMean() {
    }

    /**
     * The known name closest to {@code typed}, ignoring case, within one edit for short names and two for names of
     * five letters or more (an edit: a letter added, removed, replaced, or two neighbours swapped), and fewer edits
     * than half its length; the first such name in {@code known} on a tie. Else the name that shares with it a
     * beginning of at least five letters and two thirds of the longer one (another ending of the same word); null
     * when none is that close.
     */
    public static String among(String typed, Collection<String> known) {
        String t = typed.toLowerCase(Locale.ROOT);
        int limit = Math.min(t.length() >= 5 ? 2 : 1, (t.length() - 1) / 2);
        String best = null;
        int bestDistance = limit + 1;
        for (String k : known) {
            int d = distance(t, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        if (best == null) { // another ending of the same word: segregation, segregate
            int bestPrefix = 0;
            for (String k : known) {
                String lower = k.toLowerCase(Locale.ROOT);
                int p = 0;
                while (p < t.length() && p < lower.length() && t.charAt(p) == lower.charAt(p)) {
                    p++;
                }
                if (p >= 5 && 3 * p >= 2 * Math.max(t.length(), lower.length()) && p > bestPrefix) {
                    best = k;
                    bestPrefix = p;
                }
            }
        }
        return best;
    }

    /** The optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
