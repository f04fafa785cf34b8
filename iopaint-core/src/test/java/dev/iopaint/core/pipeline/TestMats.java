package dev.iopaint.core.pipeline;

import dev.iopaint.core.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Builds and reads small 8-bit Mats for tests; the caller releases them. */
final class TestMats {
    static {
        OpenCv.load();
    }

    private TestMats() {
    }

    static Mat gray(int[][] rows) {
        return of(rows, 1);
    }

    /** Rows of interleaved channel values. */
    static Mat of(int[][] rows, int channels) {
        int cols = rows[0].length / channels;
        Mat mat = new Mat(rows.length, cols, CvType.makeType(CvType.CV_8U, channels));
        for (int r = 0; r < rows.length; r++) {
            byte[] row = new byte[rows[r].length];
            for (int i = 0; i < row.length; i++) {
                row[i] = (byte) rows[r][i];
            }
            mat.put(r, 0, row);
        }
        return mat;
    }

    static int[][] values(Mat mat) {
        int[][] rows = new int[mat.rows()][mat.cols() * mat.channels()];
        byte[] row = new byte[mat.cols() * mat.channels()];
        for (int r = 0; r < mat.rows(); r++) {
            mat.get(r, 0, row);
            for (int i = 0; i < row.length; i++) {
                rows[r][i] = row[i] & 0xFF;
            }
        }
        return rows;
    }
}
