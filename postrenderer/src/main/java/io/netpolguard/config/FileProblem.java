package io.netpolguard.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** What went wrong with a file, in words that follow its name in a message, without Java's exception names. */
public final class FileProblem {

    private FileProblem() {
    }

    /** Reading: "does not exist", "is a folder, not a file", "cannot be opened: permission denied", ... */
    public static String of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "does not exist";
        }
        if (e instanceof CharacterCodingException) {
            return "is not UTF-8 text";
        }
        return common(e, "read");
    }

    /** Writing: "cannot be written: its folder does not exist", ... */
    public static String ofWriting(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "cannot be written: its folder does not exist";
        }
        return common(e, "written");
    }

    private static String common(IOException e, String done) {
        if (e instanceof AccessDeniedException) {
            return "cannot be " + done + ": permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "cannot be " + done + ": a part of its path is not a folder";
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason != null && reason.toLowerCase(Locale.ROOT).contains("is a directory")) {
            return "is a folder, not a file";
        }
        return "cannot be " + done + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
    }
}
