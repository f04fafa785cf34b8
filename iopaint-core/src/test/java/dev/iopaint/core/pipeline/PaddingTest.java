package dev.iopaint.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iopaint.api.PadRules;
import dev.iopaint.core.pipeline.Padding.PaddedSize;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

class PaddingTest {

    @Test
    void pads_to_modulo_8() {
        assertThat(Padding.paddedSize(10, 13, PadRules.modulo(8))).isEqualTo(new PaddedSize(16, 16));
        assertThat(Padding.paddedSize(16, 9, PadRules.modulo(8))).isEqualTo(new PaddedSize(16, 16));
    }

    @Test
    void grows_to_the_minimum_size_and_squares_on_request() {
        assertThat(Padding.paddedSize(100, 30, new PadRules(8, 512, true))).isEqualTo(new PaddedSize(512, 512));
        assertThat(Padding.paddedSize(700, 30, new PadRules(8, 512, true))).isEqualTo(new PaddedSize(704, 704));
        assertThat(Padding.paddedSize(700, 30, new PadRules(8, 512, false))).isEqualTo(new PaddedSize(704, 512));
    }

    @Test
    void modulo_1_never_pads() {
        assertThat(Padding.paddedSize(7, 5, PadRules.NONE)).isEqualTo(new PaddedSize(7, 5));
    }

    @Test
    void mirrors_bottom_and_right_repeating_the_edge_like_numpy_symmetric() {
        Mat src = TestMats.gray(new int[][] {{1, 2, 3}, {4, 5, 6}});
        Mat padded = Padding.pad(src, PadRules.modulo(4));
        try {
            assertThat(TestMats.values(padded)).isEqualTo(new int[][] {
                {1, 2, 3, 3},
                {4, 5, 6, 6},
                {4, 5, 6, 6},
                {1, 2, 3, 3}});
        } finally {
            src.release();
            padded.release();
        }
    }

    @Test
    void repeats_the_mirror_when_the_padding_is_longer_than_the_image() {
        Mat src = TestMats.gray(new int[][] {{1, 2, 3}});
        Mat padded = Padding.pad(src, new PadRules(1, 15, false));
        try {
            // np.pad([1, 2, 3], (0, 12), mode="symmetric"); a single row repeats downwards.
            int[] numpy = {1, 2, 3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 2, 3};
            int[][] expected = new int[15][];
            Arrays.fill(expected, numpy);
            assertThat(TestMats.values(padded)).isEqualTo(expected);
        } finally {
            src.release();
            padded.release();
        }
    }
}
