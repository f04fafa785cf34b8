package dev.iopaint.core.image;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Bounds-checked reads of the integers that image containers are made of, and zlib with a size cap. */
final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] b, int off) {
        check(b, off, 1);
        return b[off] & 0xFF;
    }

    static int u16be(byte[] b, int off) {
        check(b, off, 2);
        return (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF;
    }

    static int u16le(byte[] b, int off) {
        check(b, off, 2);
        return b[off] & 0xFF | (b[off + 1] & 0xFF) << 8;
    }

    static int u24le(byte[] b, int off) {
        check(b, off, 3);
        return b[off] & 0xFF | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16;
    }

    static long u32be(byte[] b, int off) {
        check(b, off, 4);
        return (long) (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | b[off + 3] & 0xFF;
    }

    static long u32le(byte[] b, int off) {
        check(b, off, 4);
        return (long) (b[off + 3] & 0xFF) << 24 | (b[off + 2] & 0xFF) << 16 | (b[off + 1] & 0xFF) << 8 | b[off] & 0xFF;
    }

    static int i32le(byte[] b, int off) {
        return (int) u32le(b, off);
    }

    /** True when {@code b} holds {@code prefix} at {@code off}; false (not an error) when it is too short. */
    static boolean matches(byte[] b, int off, byte[] prefix) {
        if (off < 0 || off > b.length - prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Index of the first occurrence of {@code pattern} in {@code b}, or -1. */
    static int indexOf(byte[] b, byte[] pattern) {
        outer:
        for (int i = 0; i <= b.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (b[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Index of the first zero byte in {@code [from, to)}, or -1. */
    static int indexOfZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** {@code data} with {@code inserted} placed at {@code at}, built in one array. */
    static byte[] insert(byte[] data, int at, byte[] inserted) {
        byte[] out = new byte[data.length + inserted.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(data, at, out, at + inserted.length, data.length - at);
        return out;
    }

    static void putU32be(ByteArrayOutputStream out, long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
    }

    static void putU32le(ByteArrayOutputStream out, long v) {
        out.write((int) v);
        out.write((int) (v >>> 8));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 24));
    }

    static void putU16be(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    /**
     * Inflates a zlib stream, or returns null when it is corrupt, incomplete or would exceed {@code maxSize}
     * (a small chunk can claim gigabytes: a decompression bomb).
     */
    static byte[] inflate(byte[] b, int off, int len, int maxSize) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(b, off, len);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxSize, Math.max(64, len * 4)));
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                if (out.size() + n > maxSize) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void check(byte[] b, int off, int n) {
        if (off < 0 || off > b.length - n) {
            throw new ImageDataException("the file ends early (truncated header)");
        }
    }
}
