package dev.iopaint.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

class HistogramMatcherTest {

    @Test
    void maps_each_level_to_the_first_reference_level_whose_cdf_reaches_it() {
        long[] source = new long[256];
        source[0] = 2; // source pixels 0, 0, 1, 2: CDF 0.5, 0.75, 1, 1, ...
        source[1] = 1;
        source[2] = 1;
        long[] reference = new long[256];
        reference[10] = 1; // reference pixels 10, 20, 20, 30: CDF 0.25 from 10, 0.75 from 20, 1 from 30
        reference[20] = 2;
        reference[30] = 1;

        int[] lookup = HistogramMatcher.lookupTable(source, reference);

        assertThat(lookup[0]).isEqualTo(20);
        assertThat(lookup[1]).isEqualTo(20);
        assertThat(lookup[2]).isEqualTo(30);
        assertThat(lookup[255]).isEqualTo(30);
    }

    @Test
    void counts_only_unmasked_pixels_but_maps_every_pixel_per_channel() {
        // Values checked against IOPaint's _match_histograms in numpy.
        Mat source = TestMats.of(new int[][] {{0, 5, 100, 0, 5, 100, 1, 5, 100, 2, 5, 100, 1, 9, 0}}, 3);
        Mat reference = TestMats.of(new int[][] {{10, 5, 50, 20, 5, 60, 20, 5, 70, 30, 5, 80, 200, 5, 0}}, 3);
        Mat mask = TestMats.gray(new int[][] {{0, 0, 0, 0, 255}});
        Mat matched = HistogramMatcher.match(source, reference, mask);
        try {
            assertThat(TestMats.values(matched))
                    .isEqualTo(new int[][] {{20, 5, 80, 20, 5, 80, 20, 5, 80, 30, 5, 80, 20, 5, 0}});
        } finally {
            source.release();
            reference.release();
            mask.release();
            matched.release();
        }
    }

    @Test
    void maps_everything_to_0_when_no_pixel_is_unmasked_as_iopaint_does() {
        int[] lookup = HistogramMatcher.lookupTable(new long[256], new long[256]);

        assertThat(lookup).containsOnly(0);
    }
}
