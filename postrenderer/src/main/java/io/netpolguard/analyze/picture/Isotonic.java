package io.netpolguard.analyze.picture;

import java.util.ArrayList;
import java.util.List;

/**
 * Vertical positions within the bands. Takes the ordered columns and each band's frame; sets every element's
 * y: in each column, a band's elements keep their order and spacing and go, by repeated isotonic regression,
 * as near as that allows to the mean height of their neighbours, inside the band.
 */
final class Isotonic {

    private Isotonic() {
    }

    /** The start: each band's elements of a column stacked and centred in the band. */
    static void stack(List<List<Elem>> layers, Placement.Frame[] frames) {
        for (List<Elem> layer : layers) {
            for (List<Elem> run : runs(layer)) {
                double[] offset = offsets(run);
                int band = run.get(0).band;
                double total = offset[run.size() - 1] + run.get(run.size() - 1).h;
                Placement.Frame f = frames[band];
                double start = f.contentTop() + (f.contentBottom() - f.contentTop() - total) / 2;
                for (int i = 0; i < run.size(); i++) {
                    run.get(i).y = start + offset[i];
                }
            }
        }
    }

    /** Isotonic-regression sweeps: each band's elements of a column, in order, as near their neighbours as spacing allows. */
    static void sweep(List<List<Elem>> layers, Placement.Frame[] frames, int rounds) {
        int columns = layers.size();
        if (Elem.count(layers) > Layout.LARGE) {
            rounds = (rounds + 2) / 3;
        }
        for (int round = 0; round < rounds; round++) {
            boolean forward = round % 2 == 0;
            for (int k = 0; k < columns; k++) {
                List<Elem> layer = layers.get(forward ? k : columns - 1 - k);
                for (List<Elem> run : runs(layer)) {
                    Placement.Frame f = frames[run.get(0).band];
                    place(run, f.contentTop(), f.contentBottom());
                }
            }
        }
    }

    private static void place(List<Elem> run, double top, double bottom) {
        int size = run.size();
        double[] offset = offsets(run);
        double[] z = new double[size];
        for (int i = 0; i < size; i++) {
            Elem el = run.get(i);
            double sum = 0;
            int count = 0;
            for (Elem o : el.in) {
                sum += o.cy();
                count++;
            }
            for (Elem o : el.out) {
                sum += o.cy();
                count++;
            }
            double want = count == 0 ? el.cy() : sum / count;
            z[i] = want - el.h / 2 - offset[i];
        }
        isotonic(z);
        double total = offset[size - 1] + run.get(size - 1).h;
        double hi = bottom - total;
        for (int i = 0; i < size; i++) {
            double v = Math.max(top, Math.min(hi, z[i]));
            run.get(i).y = v + offset[i];
        }
    }

    /** Each element's distance from the run's top when packed tight. */
    private static double[] offsets(List<Elem> run) {
        double[] offset = new double[run.size()];
        for (int i = 1; i < run.size(); i++) {
            Elem prev = run.get(i - 1);
            offset[i] = offset[i - 1] + prev.h + Math.max(prev.gap(), run.get(i).gap());
        }
        return offset;
    }

    /** Pool-adjacent-violators: the non-decreasing sequence nearest {@code z} (least squares), in place. */
    private static void isotonic(double[] z) {
        int n = z.length;
        double[] value = new double[n];
        int[] count = new int[n];
        int blocks = 0;
        for (double v : z) {
            value[blocks] = v;
            count[blocks] = 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                int c = count[blocks - 2] + count[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * count[blocks - 2] + value[blocks - 1] * count[blocks - 1]) / c;
                count[blocks - 2] = c;
                blocks--;
            }
        }
        int i = 0;
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < count[b]; k++) {
                z[i++] = value[b];
            }
        }
    }

    /** A column's elements split by band (a column is sorted by band). */
    private static List<List<Elem>> runs(List<Elem> layer) {
        List<List<Elem>> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= layer.size(); i++) {
            if (i == layer.size() || layer.get(i).band != layer.get(start).band) {
                runs.add(layer.subList(start, i));
                start = i;
            }
        }
        return runs;
    }
}
