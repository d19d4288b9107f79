package io.netpolguard.cli;

/**
 * Where the post-renderer's messages go: its own stderr and, when Helm runs it, also where Helm's user sees them
 * ({@link HelmStderr}). {@link Main} prints its notes and its last words through this, and nothing else of the
 * command line writes to another process.
 */
interface Stderr {

    /** Notes of a run (warnings, {@code --explain}, the lock written), each line ending in a line break. */
    void notes(String text);

    /** The one message of an error or a refusal, ending in a line break. */
    void failure(String message);
}
