package dev.iopaint.plugins.interactiveseg;

import dev.iopaint.api.RgbImage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which image an embedding belongs to: its size and the MD5 of its pixels. IOPaint hashes the request's base64
 * string instead; hashing the decoded pixels also matches the same image sent in another encoding.
 */
record ImageKey(int width, int height, String md5) {
    static ImageKey of(RgbImage image) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            return new ImageKey(image.width(), image.height(), HexFormat.of().formatHex(digest.digest(image.pixels())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
    }
}
