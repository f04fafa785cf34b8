package dev.iopaint.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class ImageOpsTest {

    @Test
    void keep_unmasked_blend_truncates_instead_of_rounding() {
        // numpy: res * (m / 255) + img * (1 - m / 255) = 150.698, 104.627, 128.0 | 90.996 x3 | 7.953, 8.953, 9.953
        Mat result = TestMats.of(new int[][] {{201, 10, 255, 90, 90, 90, 7, 8, 9}}, 3);
        Mat original = TestMats.of(new int[][] {{100, 200, 0, 91, 91, 91, 250, 251, 252}}, 3);
        Mat mask = TestMats.gray(new int[][] {{128, 1, 254}});
        Mat blended = ImageOps.keepUnmasked(result, original, mask);
        Mat bytes = ImageOps.toUint8(blended);
        try {
            assertThat(blended.type()).isEqualTo(CvType.CV_64FC3);
            assertThat(TestMats.values(bytes)).isEqualTo(new int[][] {{150, 104, 128, 90, 90, 90, 7, 8, 9}});
        } finally {
            result.release();
            original.release();
            mask.release();
            blended.release();
            bytes.release();
        }
    }

    @Test
    void clips_floats_outside_0_to_255_instead_of_wrapping() {
        Mat floats = new Mat(1, 1, CvType.CV_64FC3);
        floats.put(0, 0, 256.7, -3.2, 254.99);
        Mat bytes = ImageOps.toUint8(floats);
        try {
            assertThat(TestMats.values(bytes)).isEqualTo(new int[][] {{255, 0, 254}});
        } finally {
            floats.release();
            bytes.release();
        }
    }

    @Test
    void resizes_the_longer_side_to_the_limit_rounding_half_up() {
        Mat wide = new Mat(1000, 2000, CvType.CV_8UC3, new Scalar(0, 0, 0));
        Mat odd = new Mat(333, 1001, CvType.CV_8UC1, new Scalar(0));
        Mat small = new Mat(10, 20, CvType.CV_8UC1, new Scalar(0));
        Mat wideResized = ImageOps.resizeMaxSize(wide, 1280);
        Mat oddResized = ImageOps.resizeMaxSize(odd, 500);
        Mat smallResized = ImageOps.resizeMaxSize(small, 20);
        try {
            assertThat(wideResized.size()).isEqualTo(new org.opencv.core.Size(1280, 640));
            // 333 * 500 / 1001 = 166.33 -> int(166.83) = 166
            assertThat(oddResized.size()).isEqualTo(new org.opencv.core.Size(500, 166));
            assertThat(smallResized.size()).isEqualTo(small.size());
        } finally {
            for (Mat mat : new Mat[] {wide, odd, small, wideResized, oddResized, smallResized}) {
                mat.release();
            }
        }
    }

    @Test
    void restores_pixels_whose_mask_is_below_127() {
        Mat result = new Mat(1, 3, CvType.CV_64FC3, new Scalar(300, 300, 300));
        Mat original = TestMats.of(new int[][] {{1, 2, 3, 4, 5, 6, 7, 8, 9}}, 3);
        Mat mask = TestMats.gray(new int[][] {{0, 126, 127}});
        ImageOps.restoreUnmasked(result, original, mask);
        double[] values = new double[9];
        result.get(0, 0, values);
        try {
            assertThat(values).containsExactly(1, 2, 3, 4, 5, 6, 300, 300, 300);
        } finally {
            result.release();
            original.release();
            mask.release();
        }
    }

    @Test
    void pastes_a_float_patch_truncated_into_an_8_bit_image() {
        Mat target = new Mat(2, 3, CvType.CV_8UC3, new Scalar(0, 0, 0));
        Mat patch = new Mat(1, 2, CvType.CV_64FC3, new Scalar(9.9, 10.5, 300));
        ImageOps.paste(target, patch, 1, 1);
        try {
            assertThat(TestMats.values(target)).isEqualTo(new int[][] {
                {0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 9, 10, 255, 9, 10, 255}});
        } finally {
            target.release();
            patch.release();
        }
    }
}
