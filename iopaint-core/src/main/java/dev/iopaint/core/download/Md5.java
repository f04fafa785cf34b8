package dev.iopaint.core.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 digests as IOPaint compares them: lower-case hex of the whole file. */
final class Md5 {
    private Md5() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5, so this is a broken runtime, not a user error.
            throw new IllegalStateException("This Java runtime has no MD5 digest", e);
        }
    }

    /** Feeds the file's bytes into the digest, streaming. */
    static void update(MessageDigest digest, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
    }

    static String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        update(digest, file);
        return hex(digest);
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
