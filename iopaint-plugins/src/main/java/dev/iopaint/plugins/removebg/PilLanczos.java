package dev.iopaint.plugins.removebg;

/**
 * PIL's {@code Image.resize(size, Image.LANCZOS)} on 8-bit pixels, to the bit, as rembg resizes into U^2-Netp and
 * back out of it. OpenCV's Lanczos is no stand-in: it keeps its 8-tap kernel when shrinking, where PIL widens the
 * kernel by the shrink factor, and U^2-Netp's matte is sensitive enough to that aliasing to differ by up to 180
 * levels on a 512x512 photo.
 *
 * <p>PIL works in two separable passes (across, then down over only the rows the second pass reads), with the
 * a=3 Lanczos kernel scaled by the shrink factor, weights normalised per output pixel and turned into 22-bit fixed
 * point, sums started at half a unit and clamped to 0..255.
 */
final class PilLanczos {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 3.0;

    private PilLanczos() {
    }

    /**
     * A resized copy of interleaved 8-bit pixels.
     *
     * @param channels values per pixel (3 for RGB, 1 for a grey matte)
     */
    static byte[] resize(byte[] pixels, int width, int height, int channels, int outWidth, int outHeight) {
        if (pixels.length != width * height * channels) {
            throw new IllegalArgumentException(width + "x" + height + "x" + channels + " pixels need "
                    + width * height * channels + " bytes, got " + pixels.length);
        }
        Weights down = Weights.of(height, outHeight);
        byte[] source = pixels;
        int sourceWidth = width;
        int firstRow = 0;
        if (outWidth != width) {
            firstRow = down.start(0);
            int endRow = down.start(outHeight - 1) + down.count(outHeight - 1);
            source = across(pixels, width, channels, firstRow, endRow, Weights.of(width, outWidth));
            sourceWidth = outWidth;
        }
        if (outHeight != height) {
            return downwards(source, sourceWidth, channels, firstRow, down);
        }
        return source == pixels ? pixels.clone() : source;
    }

    /** The horizontal pass over rows {@code firstRow} (inclusive) to {@code endRow} (exclusive). */
    private static byte[] across(byte[] in, int width, int channels, int firstRow, int endRow, Weights weights) {
        int outWidth = weights.size();
        byte[] out = new byte[(endRow - firstRow) * outWidth * channels];
        for (int y = firstRow; y < endRow; y++) {
            int inRow = y * width * channels;
            int outRow = (y - firstRow) * outWidth * channels;
            for (int x = 0; x < outWidth; x++) {
                int start = weights.start(x);
                int count = weights.count(x);
                int offset = weights.offset(x);
                for (int c = 0; c < channels; c++) {
                    int sum = 1 << (PRECISION_BITS - 1);
                    for (int i = 0; i < count; i++) {
                        sum += (in[inRow + (start + i) * channels + c] & 0xFF) * weights.fixed[offset + i];
                    }
                    out[outRow + x * channels + c] = clip(sum);
                }
            }
        }
        return out;
    }

    /** The vertical pass; the source's row 0 is the original's row {@code firstRow}. */
    private static byte[] downwards(byte[] in, int width, int channels, int firstRow, Weights weights) {
        int rowLength = width * channels;
        int outHeight = weights.size();
        byte[] out = new byte[outHeight * rowLength];
        for (int y = 0; y < outHeight; y++) {
            int start = weights.start(y) - firstRow;
            int count = weights.count(y);
            int offset = weights.offset(y);
            for (int v = 0; v < rowLength; v++) {
                int sum = 1 << (PRECISION_BITS - 1);
                for (int i = 0; i < count; i++) {
                    sum += (in[(start + i) * rowLength + v] & 0xFF) * weights.fixed[offset + i];
                }
                out[y * rowLength + v] = clip(sum);
            }
        }
        return out;
    }

    private static byte clip(int sum) {
        return (byte) Math.max(0, Math.min(255, sum >> PRECISION_BITS));
    }

    /** PIL's {@code precompute_coeffs} plus {@code normalize_coeffs_8bpc} for one axis. */
    private record Weights(int[] bounds, int[] fixed, int taps) {
        static Weights of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            double step = 1.0 / filterScale;
            int taps = (int) Math.ceil(support) * 2 + 1;
            int[] bounds = new int[outSize * 2];
            int[] fixed = new int[outSize * taps];
            double[] row = new double[taps];
            for (int out = 0; out < outSize; out++) {
                double center = (out + 0.5) * scale;
                int min = Math.max(0, (int) (center - support + 0.5));
                int count = Math.min(inSize, (int) (center + support + 0.5)) - min;
                double total = 0;
                for (int i = 0; i < count; i++) {
                    row[i] = lanczos(((i + min) - center + 0.5) * step);
                    total += row[i];
                }
                for (int i = 0; i < count; i++) {
                    double weight = total != 0.0 ? row[i] / total : row[i];
                    fixed[out * taps + i] = weight < 0 ? (int) (-0.5 + weight * (1 << PRECISION_BITS))
                            : (int) (0.5 + weight * (1 << PRECISION_BITS));
                }
                bounds[out * 2] = min;
                bounds[out * 2 + 1] = count;
            }
            return new Weights(bounds, fixed, taps);
        }

        int size() {
            return bounds.length / 2;
        }

        int start(int out) {
            return bounds[out * 2];
        }

        int count(int out) {
            return bounds[out * 2 + 1];
        }

        int offset(int out) {
            return out * taps;
        }

        private static double lanczos(double x) {
            return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
        }

        private static double sinc(double x) {
            if (x == 0.0) {
                return 1.0;
            }
            double angle = x * Math.PI;
            return StrictMath.sin(angle) / angle;
        }
    }
}
