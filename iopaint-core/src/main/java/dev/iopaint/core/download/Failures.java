package dev.iopaint.core.download;

import dev.iopaint.api.DownloadFailedException;

import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The messages a failed download gives. Each names the URL and the variable that points elsewhere, and says what
 * to do next, because the person reading it may be behind a firewall with no other way to get the file.
 */
final class Failures {
    private static final Map<Integer, String> STATUS_NAMES = Map.of(400, "bad request", 401, "unauthorized",
            403, "forbidden", 404, "not found", 410, "gone");

    private Failures() {
    }

    static DownloadFailedException offline(DownloadRequest r) {
        return new DownloadFailedException(r.fileName() + " is missing: it should be at " + r.target()
                + ". Offline mode is on, so it was not downloaded from " + r.url() + ". Turn offline mode off to"
                + " download it, or download it yourself and place it at " + r.target() + ", or set "
                + r.urlVariable() + " to the path of a local copy.");
    }

    static DownloadFailedException http(DownloadRequest r, int status) {
        String name = STATUS_NAMES.get(status);
        return new DownloadFailedException("Could not download " + r.url() + ": the server answered HTTP " + status
                + (name == null ? "" : " (" + name + ")") + ". Check the address, or set " + r.urlVariable()
                + " to a mirror or a local file, or place the file at " + r.target() + " yourself.");
    }

    static DownloadFailedException network(DownloadRequest r, int attempts, RetryableFailure last) {
        return new DownloadFailedException("Could not download " + r.url() + " after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + ": " + last.getMessage() + ". The network may be"
                + " closed or the server unreachable: download the file elsewhere and place it at " + r.target()
                + ", or set " + r.urlVariable() + " to a mirror or a local file."
                + (Files.isRegularFile(r.partFile()) ? " What was received so far is kept in " + r.partFile()
                + " and the next try resumes from it." : ""), last);
    }

    static DownloadFailedException checksum(DownloadRequest r, String actual) {
        return new DownloadFailedException("The file downloaded from " + r.url() + " has MD5 " + actual + " but "
                + r.md5() + " was expected, so it was deleted. Try again; if it keeps failing, set " + r.urlVariable()
                + " to another mirror or a local file (and " + r.md5Variable() + " if that file is meant to differ).");
    }

    static DownloadFailedException disk(DownloadRequest r, String action, Path path, Exception e) {
        return new DownloadFailedException("Could not download " + r.url() + ": " + action + " " + path + " failed ("
                + describe(e) + "). The disk may be full or the folder not writable: free some space or choose a"
                + " writable model directory. To use a copy you already have, set " + r.urlVariable()
                + " to its path.", e);
    }

    static DownloadFailedException interrupted(DownloadRequest r) {
        return new DownloadFailedException("Downloading " + r.url() + " was interrupted; what was received is kept in "
                + r.partFile() + " and the next try resumes from it (or set " + r.urlVariable()
                + " to a mirror or a local file).");
    }

    /** An exception as a short reason: the first message along its causes, with that exception's type. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "the host name could not be resolved (" + t.getClass().getSimpleName() + ")";
            }
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                return message + " (" + t.getClass().getSimpleName() + ")";
            }
        }
        return e.getClass().getSimpleName();
    }
}
