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
        // 37 x 23 x 3 = 2553 bytes, a size no other test's buffer has, so the best fit is this one.
        long first;
        try (Scratch scratch = Scratch.of(37, 23, CvType.CV_8UC3)) {
            first = scratch.mat().dataAddr();
        }
        // The same bytes in another shape and type fit the same buffer.
        try (Scratch again = Scratch.of(1, 2553, CvType.CV_8UC1)) {
            assertThat(again.mat().dataAddr()).isEqualTo(first);
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
        int side = 4000;
        // Three 48 MB buffers at once: only what fits the 64 MiB budget stays when they come back.
        try (Scratch a = Scratch.of(side, side, CvType.CV_8UC3);
             Scratch b = Scratch.of(side, side, CvType.CV_8UC3);
             Scratch c = Scratch.of(side, side, CvType.CV_8UC3)) {
            assertThat(a.mat().dataAddr()).isNotZero();
            assertThat(b.mat().dataAddr()).isNotZero();
            assertThat(c.mat().dataAddr()).isNotZero();
        }
        assertThat(Scratch.idleBytes()).isLessThanOrEqualTo(Scratch.IDLE_BUDGET);
    }

    @Test
    void refuses_anything_but_8_bit_mats() {
        assertThatThrownBy(() -> Scratch.of(2, 2, CvType.CV_16UC3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8-bit");
    }
}
