package dev.iopaint.core.pipeline;

import dev.iopaint.core.image.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * IOPaint's {@code _match_histograms} ({@code sd_match_histograms}): maps each channel of a result so its
 * histogram over the unmasked pixels follows the original's. Channels are matched independently, so the
 * channel order (RGB here, BGR in IOPaint) does not matter.
 */
public final class HistogramMatcher {
    private static final int LEVELS = 256;

    static {
        OpenCv.load();
    }

    private HistogramMatcher() {
    }

    /**
     * The channel-wise mapped copy of {@code source}.
     *
     * @param source    the model's result, {@code CV_8UC3}
     * @param reference the original image, {@code CV_8UC3}, same size
     * @param mask      {@code CV_8UC1}, same size; only pixels where it is exactly 0 are counted
     */
    public static Mat match(Mat source, Mat reference, Mat mask) {
        int channels = source.channels();
        byte[] src = bytes(source);
        byte[] ref = bytes(reference);
        byte[] maskValues = bytes(mask);
        long[][] srcHistograms = new long[channels][LEVELS];
        long[][] refHistograms = new long[channels][LEVELS];
        for (int pixel = 0; pixel < maskValues.length; pixel++) {
            if (maskValues[pixel] == 0) {
                for (int c = 0; c < channels; c++) {
                    srcHistograms[c][src[pixel * channels + c] & 0xFF]++;
                    refHistograms[c][ref[pixel * channels + c] & 0xFF]++;
                }
            }
        }
        byte[] table = new byte[LEVELS * channels];
        for (int c = 0; c < channels; c++) {
            int[] lookup = lookupTable(srcHistograms[c], refHistograms[c]);
            for (int level = 0; level < LEVELS; level++) {
                table[level * channels + c] = (byte) lookup[level];
            }
        }
        // A LUT with as many channels as the source maps each channel through its own table.
        Mat lut = new Mat(1, LEVELS, CvType.makeType(CvType.CV_8U, channels));
        try {
            lut.put(0, 0, table);
            Mat matched = new Mat();
            Core.LUT(source, lut, matched);
            return matched;
        } finally {
            lut.release();
        }
    }

    /**
     * For each source level, the first reference level whose normalised CDF reaches the source level's CDF.
     * As in IOPaint, a level that finds none keeps the previous level's answer (starting at 0); that only
     * happens when no pixel is unmasked, where the CDFs are 0/0.
     */
    public static int[] lookupTable(long[] sourceHistogram, long[] referenceHistogram) {
        double[] sourceCdf = normalisedCdf(sourceHistogram);
        double[] referenceCdf = normalisedCdf(referenceHistogram);
        int[] lookup = new int[LEVELS];
        int value = 0;
        for (int level = 0; level < LEVELS; level++) {
            for (int candidate = 0; candidate < LEVELS; candidate++) {
                if (referenceCdf[candidate] >= sourceCdf[level]) {
                    value = candidate;
                    break;
                }
            }
            lookup[level] = value;
        }
        return lookup;
    }

    private static double[] normalisedCdf(long[] histogram) {
        if (histogram.length != LEVELS) {
            throw new IllegalArgumentException("A histogram needs " + LEVELS + " bins, got " + histogram.length);
        }
        long[] cumulative = new long[LEVELS];
        long running = 0;
        long max = 0;
        for (int level = 0; level < LEVELS; level++) {
            running += histogram[level];
            cumulative[level] = running;
            max = Math.max(max, running);
        }
        double[] cdf = new double[LEVELS];
        for (int level = 0; level < LEVELS; level++) {
            cdf[level] = cumulative[level] / (double) max;
        }
        return cdf;
    }

    private static byte[] bytes(Mat mat) {
        Mat continuous = mat.isContinuous() ? mat : mat.clone();
        try {
            byte[] values = new byte[(int) (continuous.total() * continuous.channels())];
            continuous.get(0, 0, values);
            return values;
        } finally {
            if (continuous != mat) {
                continuous.release();
            }
        }
    }
}
