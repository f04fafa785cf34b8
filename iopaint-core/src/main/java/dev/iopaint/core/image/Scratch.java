package dev.iopaint.core.image;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * A native 8-bit buffer borrowed for one whole-image conversion (BGR to RGB after a decode, RGB to BGR before an
 * encode) and given back on {@link #close}. A fresh multi-megabyte Mat is paid for page by page, every 4 KiB
 * faulting on its first write, and on virtual machines that costs more than the conversion itself; a buffer
 * kept from an earlier call costs nothing. Idle buffers are kept up to {@link #IDLE_BUDGET} bytes in all, so
 * the memory held stays bounded whatever the number of threads. Models use it for the copies they make around
 * an OpenCV call. Not thread-safe itself; the pool is.
 */
public final class Scratch implements AutoCloseable {
    /** At most this many bytes of idle buffers are kept: a 3840x2160 RGB and BGR pair. */
    static final long IDLE_BUDGET = 64L << 20;

    private static final Pool SHARED = new Pool(IDLE_BUDGET);

    static {
        OpenCv.load();
    }

    private final Pool pool;
    private final Mat buffer;
    private final Mat view;

    private Scratch(Pool pool, Mat buffer, Mat view) {
        this.pool = pool;
        this.buffer = buffer;
        this.view = view;
    }

    /** A {@code CV_8UC3} copy of the image's pixels (channel order kept), as {@link Mats#of(RgbImage)}. */
    public static Scratch of(RgbImage image) {
        Scratch scratch = of(image.height(), image.width(), CvType.CV_8UC3);
        scratch.view.put(0, 0, image.pixels());
        return scratch;
    }

    /** A {@code CV_8UC1} copy of the mask's values, as {@link Mats#of(Mask)}. */
    public static Scratch of(Mask mask) {
        Scratch scratch = of(mask.height(), mask.width(), CvType.CV_8UC1);
        scratch.view.put(0, 0, mask.values());
        return scratch;
    }

    /** A continuous {@code rows x cols} Mat of the 8-bit {@code type} over a pooled buffer; close it when done. */
    public static Scratch of(int rows, int cols, int type) {
        return SHARED.lend(rows, cols, type);
    }

    /**
     * The borrowed Mat, valid until {@link #close}. OpenCV functions given it as their output write into it when
     * size and type match; do not release it.
     */
    public Mat mat() {
        return view;
    }

    /** Gives the buffer back to the pool. */
    @Override
    public void close() {
        view.release();
        pool.giveBack(buffer);
    }

    /** Idle buffers, each a one-row {@code CV_8UC1} Mat as long as the largest request it served. */
    static final class Pool {
        private final long budget;
        private final List<Mat> idle = new ArrayList<>();
        private long idleBytes;

        Pool(long budget) {
            this.budget = budget;
        }

        Scratch lend(int rows, int cols, int type) {
            if (CvType.depth(type) != CvType.CV_8U) {
                throw new IllegalArgumentException("Scratch buffers hold 8-bit Mats, not "
                        + CvType.typeToString(type));
            }
            long bytes = (long) rows * cols * CvType.channels(type);
            if (bytes < 1 || bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("A scratch Mat of " + rows + "x" + cols + " "
                        + CvType.typeToString(type) + " does not fit one buffer");
            }
            Mat buffer = take(bytes);
            if (buffer.cols() < bytes) {
                buffer.create(1, (int) bytes, CvType.CV_8UC1);
            }
            Mat row = buffer.submat(0, 1, 0, (int) bytes);
            try {
                return new Scratch(this, buffer, row.reshape(CvType.channels(type), rows));
            } finally {
                row.release();
            }
        }

        /** Bytes of idle buffers the pool holds now. */
        synchronized long idleBytes() {
            return idleBytes;
        }

        /** The smallest idle buffer that is large enough, else the largest (to be grown), else a new one. */
        private synchronized Mat take(long bytes) {
            int best = -1;
            for (int i = 0; i < idle.size(); i++) {
                long size = idle.get(i).cols();
                long bestSize = best < 0 ? -1 : idle.get(best).cols();
                boolean fits = size >= bytes;
                boolean bestFits = bestSize >= bytes;
                if (best < 0 || fits && (!bestFits || size < bestSize) || !fits && !bestFits && size > bestSize) {
                    best = i;
                }
            }
            if (best < 0) {
                return new Mat();
            }
            Mat buffer = idle.remove(best);
            idleBytes -= buffer.cols();
            return buffer;
        }

        private synchronized void giveBack(Mat buffer) {
            if (idleBytes + buffer.cols() <= budget) {
                idle.add(buffer);
                idleBytes += buffer.cols();
            } else {
                buffer.release();
            }
        }
    }
}
