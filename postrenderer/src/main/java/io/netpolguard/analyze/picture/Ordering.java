package io.netpolguard.analyze.picture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The order within the columns. Takes the columns of linked elements, each with its band; puts every column
 * in band order (a band's elements stay together) and, within the bands, in the order found by barycentre
 * sweeps that has the fewest crossings, and numbers the elements ({@link Elem#pos}) top to bottom.
 */
final class Ordering {

    /** More than any position: sort keys of different bands never mix. */
    private static final double BAND_KEY = 1 << 24;
    private static final Comparator<Elem> BY_KEY = (p, q) -> Double.compare(p.key, q.key);

    private Ordering() {
    }

    /** Barycentre sweeps within bands; keeps the order with the fewest crossings. */
    static void order(List<List<Elem>> layers) {
        for (List<Elem> layer : layers) {
            layer.sort(Comparator.comparingInt((Elem el) -> el.band).thenComparingInt(el -> el.serial));
            renumber(layer);
        }
        List<Elem[]> best = snapshot(layers);
        long bestCrossings = crossings(layers);
        int idle = 0;
        int rounds = Elem.count(layers) > Layout.LARGE ? 5 : 24;
        for (int round = 0; round < rounds && bestCrossings > 0 && idle < 4; round++) {
            for (int c = 1; c < layers.size(); c++) {
                sortByBarycentre(layers.get(c), true);
            }
            for (int c = layers.size() - 2; c >= 0; c--) {
                sortByBarycentre(layers.get(c), false);
            }
            long now = crossings(layers);
            if (now < bestCrossings) {
                bestCrossings = now;
                best = snapshot(layers);
                idle = 0;
            } else {
                idle++;
            }
        }
        for (int c = 0; c < layers.size(); c++) {
            List<Elem> layer = layers.get(c);
            layer.clear();
            layer.addAll(Arrays.asList(best.get(c)));
            renumber(layer);
        }
    }

    private static void sortByBarycentre(List<Elem> layer, boolean fromLeft) {
        for (Elem el : layer) {
            List<Elem> nb = fromLeft ? el.in : el.out;
            double bary = el.pos;
            if (!nb.isEmpty()) {
                double sum = 0;
                for (Elem o : nb) {
                    sum += o.pos;
                }
                bary = sum / nb.size();
            }
            // Bands first (a band's elements stay together), then the barycentre; the sort is stable, so
            // ties keep their order.
            el.key = el.band * BAND_KEY + bary;
        }
        layer.sort(BY_KEY);
        renumber(layer);
    }

    private static void renumber(List<Elem> layer) {
        for (int i = 0; i < layer.size(); i++) {
            layer.get(i).pos = i;
        }
    }

    private static List<Elem[]> snapshot(List<List<Elem>> layers) {
        List<Elem[]> s = new ArrayList<>(layers.size());
        for (List<Elem> layer : layers) {
            s.add(layer.toArray(new Elem[0]));
        }
        return s;
    }

    /** Crossings between consecutive columns (Barth, Jünger, Mutzel: inversions counted with a Fenwick tree). */
    private static long crossings(List<List<Elem>> layers) {
        long total = 0;
        long[] segs = new long[16];
        for (int c = 0; c + 1 < layers.size(); c++) {
            int count = 0;
            for (Elem el : layers.get(c)) {
                for (Elem o : el.out) {
                    if (count == segs.length) {
                        segs = Arrays.copyOf(segs, 2 * count);
                    }
                    segs[count++] = ((long) el.pos << 32) | o.pos;
                }
            }
            Arrays.sort(segs, 0, count);
            int size = layers.get(c + 1).size();
            long[] tree = new long[size + 1];
            for (int k = 0; k < count; k++) {
                int p = (int) segs[k] + 1;
                long notGreater = 0;
                for (int i = p; i > 0; i -= i & -i) {
                    notGreater += tree[i];
                }
                total += k - notGreater;
                for (int i = p; i <= size; i += i & -i) {
                    tree[i]++;
                }
            }
        }
        return total;
    }
}
