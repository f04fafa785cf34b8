package dev.iopaint.core.image;

import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * The EXIF orientation tag (0x0112 in IFD0): read it, turn the pixels upright as Pillow's
 * {@code ImageOps.exif_transpose} does (IOPaint calls it on every input), and reset it to 1 so a viewer does not
 * rotate the already upright pixels a second time.
 */
final class ExifOrientation {
    static final int UPRIGHT = 1;
    private static final int TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {
    }

    /** The orientation 1..8 stored in a TIFF-structured EXIF block; 1 when absent or unreadable. */
    static int read(byte[] tiff) {
        int at = valueOffset(tiff);
        if (at < 0) {
            return UPRIGHT;
        }
        int value = littleEndian(tiff) ? Bytes.u16le(tiff, at) : Bytes.u16be(tiff, at);
        return value >= 1 && value <= 8 ? value : UPRIGHT;
    }

    /** A copy with the orientation set to 1, or the same array when there is nothing to change. */
    static byte[] reset(byte[] tiff) {
        int at = valueOffset(tiff);
        if (at < 0) {
            return tiff;
        }
        byte[] copy = tiff.clone();
        boolean le = littleEndian(tiff);
        copy[at] = (byte) (le ? UPRIGHT : 0);
        copy[at + 1] = (byte) (le ? 0 : UPRIGHT);
        return copy;
    }

    /**
     * The pixels turned upright: a new Mat the caller releases, or {@code src} itself for orientation 1.
     * The same table as Pillow: 2 mirror, 3 rotate 180, 4 flip, 5 transpose, 6 rotate 90 clockwise,
     * 7 transverse, 8 rotate 90 counter-clockwise.
     */
    static Mat apply(Mat src, int orientation) {
        if (orientation == UPRIGHT) {
            return src;
        }
        Mat dst = new Mat();
        switch (orientation) {
            case 2 -> Core.flip(src, dst, 1);
            case 3 -> Core.rotate(src, dst, Core.ROTATE_180);
            case 4 -> Core.flip(src, dst, 0);
            case 5 -> Core.transpose(src, dst);
            case 6 -> Core.rotate(src, dst, Core.ROTATE_90_CLOCKWISE);
            case 7 -> {
                Core.transpose(src, dst);
                Core.flip(dst, dst, -1);
            }
            case 8 -> Core.rotate(src, dst, Core.ROTATE_90_COUNTERCLOCKWISE);
            default -> throw new IllegalArgumentException("EXIF orientation must be 1..8, got " + orientation);
        }
        return dst;
    }

    /** Offset of the orientation's 2-byte value inside IFD0, or -1 when the block has none or is malformed. */
    private static int valueOffset(byte[] tiff) {
        if (tiff == null || tiff.length < 8 || !(tiff[0] == 'I' && tiff[1] == 'I' || tiff[0] == 'M' && tiff[1] == 'M')) {
            return -1;
        }
        boolean le = littleEndian(tiff);
        if (u16(tiff, 2, le) != 42) {
            return -1;
        }
        long ifd = le ? Bytes.u32le(tiff, 4) : Bytes.u32be(tiff, 4);
        if (ifd < 8 || ifd > tiff.length - 2) {
            return -1;
        }
        int count = u16(tiff, (int) ifd, le);
        for (int i = 0; i < count; i++) {
            int entry = (int) ifd + 2 + i * 12;
            if (entry > tiff.length - 12) {
                return -1;
            }
            if (u16(tiff, entry, le) == TAG) {
                return u16(tiff, entry + 2, le) == TYPE_SHORT ? entry + 8 : -1;
            }
        }
        return -1;
    }

    private static boolean littleEndian(byte[] tiff) {
        return tiff[0] == 'I';
    }

    private static int u16(byte[] b, int off, boolean le) {
        return le ? Bytes.u16le(b, off) : Bytes.u16be(b, off);
    }
}
