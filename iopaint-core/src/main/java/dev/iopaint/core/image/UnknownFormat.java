package dev.iopaint.core.image;

import java.util.Locale;

/** Names a file the codec does not read, so the error says "GIF" rather than only "unknown". */
final class UnknownFormat {
    private UnknownFormat() {
    }

    static String describe(byte[] bytes) {
        if (Bytes.matches(bytes, 0, Bytes.ascii("GIF8"))) {
            return "GIF is not supported";
        }
        if (Bytes.matches(bytes, 0, Bytes.ascii("II*\0")) || Bytes.matches(bytes, 0, Bytes.ascii("MM\0*"))) {
            return "TIFF is not supported";
        }
        if (Bytes.matches(bytes, 4, Bytes.ascii("ftyp"))) {
            return "HEIC/AVIF is not supported";
        }
        if (Bytes.matches(bytes, 0, Bytes.ascii("data:"))) {
            return "it is a data URL, not image bytes (strip the prefix and decode the base64 first)";
        }
        StringBuilder start = new StringBuilder();
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            start.append(String.format(Locale.ROOT, " %02X", bytes[i] & 0xFF));
        }
        return "the format is not recognised (it starts with" + start + ")";
    }
}
