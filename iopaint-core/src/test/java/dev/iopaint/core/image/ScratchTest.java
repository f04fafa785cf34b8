package dev.iopaint.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

class ScratchTest {
    static {
        OpenCv.load();
    }

    @Test
    void gives_a_continuous_mat_of_the_asked_shape() {
        try (Scratch scratch = Scratch.of(3, 5, CvType.CV_8UC4)) {
            Mat mat = scratch.mat();
            assertThat(mat.rows()).isEqualTo(3);
            assertThat(mat.cols()).isEqualTo(5);
            assertThat(mat.type()).isEqualTo(CvType.CV_8UC4);
            assertThat(mat.isContinuous()).isTrue();
        }
    }

    @Test
    void lends_the_same_memory_again_once_given_back() {
        Scratch.Pool pool = new Scratch.Pool(1 << 20);
        long first;
        try (Scratch scratch = pool.lend(40, 30, CvType.CV_8UC3)) {
            first = scratch.mat().dataAddr();
        }
        // A smaller Mat of another type fits the same buffer.
        try (Scratch again = pool.lend(20, 30, CvType.CV_8UC1)) {
            assertThat(again.mat().dataAddr()).isEqualTo(first);
        }
        assertThat(pool.idleBytes()).isEqualTo(3600);
    }

    @Test
    void lends_the_smallest_idle_buffer_that_fits() {
        Scratch.Pool pool = new Scratch.Pool(1 << 20);
        long small;
        try (Scratch big = pool.lend(100, 100, CvType.CV_8UC1); Scratch little = pool.lend(10, 10, CvType.CV_8UC1)) {
            small = little.mat().dataAddr();
        }

        try (Scratch scratch = pool.lend(5, 5, CvType.CV_8UC3)) {
            assertThat(scratch.mat().dataAddr()).isEqualTo(small);
        }
    }

    @Test
    void lends_different_memory_to_two_holders_at_once() {
        try (Scratch one = Scratch.of(8, 8, CvType.CV_8UC3); Scratch two = Scratch.of(8, 8, CvType.CV_8UC3)) {
            assertThat(one.mat().dataAddr()).isNotEqualTo(two.mat().dataAddr());
        }
    }

    @Test
    void opencv_writes_its_output_into_the_lent_memory() {
        RgbImage image = new RgbImage(2, 1, new byte[] {1, 2, 3, 4, 5, 6});
        try (Scratch rgb = Scratch.of(image); Scratch bgr = Scratch.of(1, 2, CvType.CV_8UC3)) {
            long address = bgr.mat().dataAddr();

            Imgproc.cvtColor(rgb.mat(), bgr.mat(), Imgproc.COLOR_RGB2BGR);

            assertThat(bgr.mat().dataAddr()).isEqualTo(address);
            assertThat(Mats.toImage(bgr.mat()).pixels()).containsExactly(3, 2, 1, 6, 5, 4);
        }
    }

    @Test
    void copies_masks_and_images_as_mats_does() {
        Mask mask = new Mask(3, 2, new byte[] {0, (byte) 255, 7, 8, 9, 10});
        try (Scratch scratch = Scratch.of(mask)) {
            assertThat(Mats.toMask(scratch.mat())).isEqualTo(mask);
        }
    }

    @Test
    void keeps_idle_buffers_within_its_budget() {
        Scratch.Pool pool = new Scratch.Pool(1000);
        try (Scratch a = pool.lend(20, 20, CvType.CV_8UC1);
             Scratch b = pool.lend(20, 20, CvType.CV_8UC1);
             Scratch c = pool.lend(20, 20, CvType.CV_8UC1)) {
            assertThat(a.mat().dataAddr()).isNotEqualTo(b.mat().dataAddr()).isNotEqualTo(c.mat().dataAddr());
        }
        // Two of the three 400-byte buffers fit the 1000-byte budget; the third was freed.
        assertThat(pool.idleBytes()).isEqualTo(800);
    }

    @Test
    void refuses_anything_but_8_bit_mats() {
        assertThatThrownBy(() -> Scratch.of(2, 2, CvType.CV_16UC3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8-bit");
    }
}
