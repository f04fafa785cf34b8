package dev.iopaint.core.image;

import java.util.Arrays;
import javax.imageio.stream.ImageOutputStreamImpl;

/**
 * An ImageIO output stream over one growable array. ImageIO's own {@code MemoryCacheImageOutputStream} copies
 * the encoder's output into 8 KiB blocks and from there into the target stream, whose array then grows and is
 * copied once more; here the bytes land in one array that is trimmed once at the end.
 */
final class ArrayImageOutputStream extends ImageOutputStreamImpl {
    private byte[] buffer;
    private int length;

    ArrayImageOutputStream(int initialCapacity) {
        buffer = new byte[Math.max(initialCapacity, 256)];
    }

    @Override
    public void write(int b) {
        flushBitsQuietly();
        ensureCapacity(streamPos + 1);
        buffer[(int) streamPos++] = (byte) b;
        length = Math.max(length, (int) streamPos);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        flushBitsQuietly();
        ensureCapacity(streamPos + len);
        System.arraycopy(b, off, buffer, (int) streamPos, len);
        streamPos += len;
        length = Math.max(length, (int) streamPos);
    }

    @Override
    public int read() {
        bitOffset = 0;
        return streamPos < length ? buffer[(int) streamPos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        bitOffset = 0;
        if (streamPos >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - streamPos);
        System.arraycopy(buffer, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return length;
    }

    /** The bytes written, as an array of exactly their length. */
    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    /** Growth by half again, so a low first guess costs few copies. */
    private void ensureCapacity(long needed) {
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("An encoded image of more than 2 GiB does not fit an array");
        }
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(needed, buffer.length + (long) buffer.length / 2)));
        }
    }

    /** {@code flushBits} declares IOException only because other streams write through; this one cannot fail. */
    private void flushBitsQuietly() {
        try {
            flushBits();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
