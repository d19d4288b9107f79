package io.netpolguard.config;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file the user asked for whole or not at all: into a temporary file beside it, then moved into place
 * (atomically where the file system can), so that a reader never sees half of it and a failure leaves the old one.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    /**
     * @throws IOException when it cannot be written; the temporary file is gone, and the caller says what failed
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        // Not createTempFile: its mode is 0600, and the file is as readable as any other the user writes.
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the caller's message says what failed
            }
            throw e;
        }
    }
}
