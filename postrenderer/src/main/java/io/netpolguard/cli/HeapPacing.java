package io.netpolguard.cli;

/**
 * Keeps the heap near what a large stream needs, for the command line's own JVM: {@link Main#main} hands it to the
 * run (its {@link io.netpolguard.Settings#afterEachDocument}, and the readers of {@code analyze}), and every reader
 * of the run calls it after each document ({@link io.netpolguard.read.ManifestReader#withAfterEachDocument}).
 *
 * <p>Reading a document makes a node tree many times its size that dies once the document is read; a young
 * collection during the read promotes it to the old generation. Java 17's serial collector then collects the
 * old generation when it has grown; Java 25's (the bundled runtime's) grows the old generation up to the maximum
 * heap (a quarter of the machine's memory) instead, and a 30 MB stream peaked at 390 MB.
 * This asks for a full collection whenever the heap in use has grown by a fifth over what was alive after the
 * last one (young generation aside): that stream peaks at about 115 MB, and as each collection is paid for by
 * growth, they take 5 to 7% of the time of a large stream (docs/PERFORMANCE.md).
 *
 * <p>Only the command line's own process passes it: the heap is the process's, and a library must not collect the
 * heap of the Maven build it runs in. Nothing of it is global: a run without it (the plugin's, a test's) calls
 * nothing.
 */
final class HeapPacing implements Runnable {

    /** Below this much heap in use nothing is asked for: small streams never pay for a collection. */
    static final long FLOOR_BYTES = 16L << 20;
    /**
     * The heap in use may grow to 1.2 times what was alive after the last collection plus the young generation
     * the launcher sets (-Xmn12m), which fills and empties on its own and must not trigger a collection.
     */
    static final double GROWTH = 1.2;
    static final long HEADROOM_BYTES = 12L << 20;

    /** The heap in use above which the next collection is asked for. */
    private long next = FLOOR_BYTES;

    /** After each document is read (on the thread that read it): collects when the heap in use has grown enough. */
    @Override
    public synchronized void run() {
        Runtime runtime = Runtime.getRuntime();
        if (runtime.totalMemory() - runtime.freeMemory() > next) {
            System.gc();
            long alive = runtime.totalMemory() - runtime.freeMemory();
            next = Math.max(FLOOR_BYTES, HEADROOM_BYTES + (long) (alive * GROWTH));
        }
    }
}
