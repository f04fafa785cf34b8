package dev.iopaint.server.http;

import dev.iopaint.api.UnsupportedInputException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * File names that clients send for files inside one of the server's folders. Only a plain name is accepted: no
 * separators, no {@code ..}, no absolute path, no NUL, so the resolved file can never lie outside the folder.
 */
final class SafeFileNames {
    private SafeFileNames() {
    }

    /**
     * {@code folder.resolve(name)} after checking that {@code name} is a plain file name.
     *
     * @throws UnsupportedInputException when it is not
     */
    static Path resolve(Path folder, String name) {
        if (name == null || name.isBlank()) {
            throw refused(name, "it is empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw refused(name, "it contains a NUL character");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw refused(name, "it contains a path separator");
        }
        if (name.equals(".") || name.equals("..")) {
            throw refused(name, "it names a folder");
        }
        Path resolved;
        try {
            resolved = folder.resolve(name);
        } catch (InvalidPathException e) {
            throw refused(name, "it is not a valid file name here (" + e.getReason() + ")");
        }
        if (Path.of(name).isAbsolute() || !resolved.getParent().equals(folder)) {
            throw refused(name, "it points outside the folder");
        }
        return resolved;
    }

    private static UnsupportedInputException refused(String name, String reason) {
        String shown = name == null ? "" : name.replace("\0", "\\0");
        return new UnsupportedInputException("The file name '" + shown + "' is refused: " + reason
                + "; send a plain file name such as result.png");
    }
}
