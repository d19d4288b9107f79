package io.netpolguard.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** What went wrong with a file, in words for a message, without Java's exception names. */
public final class FileProblem {

    private FileProblem() {
    }

    /** "does not exist", "is a folder, not a file", ...: to follow the file's name in a sentence. */
    public static String of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot be opened: permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "lies under something that is not a folder";
        }
        if (e instanceof CharacterCodingException) {
            return "is not UTF-8 text";
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason != null && reason.toLowerCase(java.util.Locale.ROOT).contains("is a directory")) {
            return "is a folder, not a file";
        }
        return "cannot be read or written" + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
    }
}
