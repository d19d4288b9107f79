package io.netpolguard.report;

import io.netpolguard.config.Words;

import java.nio.file.Path;
import java.util.List;

/**
 * How the connectivity of a run's output compares with its lock file ({@code --expect}), and the refusal for a drift.
 * {@code lock.ConnectivityLock} makes it; it lives with the findings that report it, so that this
 * package needs nothing of {@code lock} (which needs the analysis, which writes JSON with {@link Json}).
 *
 * @param file    the lock file
 * @param status  whether it matched, drifted, or was (re)written
 * @param diff    the lines that differ, in file order: "+ " a line the output now has, "- " one it no longer has
 */
public record LockCheck(Path file, Status status, List<String> diff) {

    /** The diff lines shown in a message; the rest are counted. */
    private static final int SHOWN = 40;

    public enum Status {
        /** The output's connectivity is the file's. */
        MATCHES,
        /** It differs: a refusal. */
        DRIFTED,
        /** The file was written from the output ({@code --update-expect}). */
        UPDATED
    }

    public boolean drifted() {
        return status == Status.DRIFTED;
    }

    public long added() {
        return diff.stream().filter(l -> l.startsWith("+")).count();
    }

    public long removed() {
        return diff.stream().filter(l -> l.startsWith("-")).count();
    }

    /**
     * The refusal for a drift: the counts, at most {@link #SHOWN} diff lines, and how to rewrite the file.
     *
     * @param words how the front end names its settings
     */
    public String driftMessage(Words words) {
        StringBuilder sb = new StringBuilder();
        sb.append("the connectivity of the output differs from the lock file ").append(file).append(" (")
                .append(added()).append(added() == 1 ? " line" : " lines").append(" added, ").append(removed())
                .append(" removed; + is allowed now, - was allowed before):\n");
        diff.stream().limit(SHOWN).forEach(l -> sb.append(l).append('\n'));
        if (diff.size() > SHOWN) {
            sb.append("  and ").append(diff.size() - SHOWN).append(" more\n");
        }
        sb.append("If the change is intended, rewrite the file: ").append(words.updateExpectAgain())
                .append(", review the file's diff and commit it.\n");
        return sb.toString();
    }
}
