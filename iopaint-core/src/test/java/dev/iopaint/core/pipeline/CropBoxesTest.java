package dev.iopaint.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iopaint.api.Mask;
import dev.iopaint.core.image.Mats;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

class CropBoxesTest {

    @Test
    void centres_a_margin_wide_window_on_a_box_in_the_middle() {
        // 50x60 box, centre (425, 430); 306x316 window: 425 -/+ 153, 430 -/+ 158.
        assertThat(CropBoxes.window(new Box(400, 400, 450, 460), 1000, 1000, 128))
                .isEqualTo(new Box(272, 272, 578, 588));
    }

    @Test
    void extends_the_opposite_side_when_cut_at_the_top_left() {
        // centre (35, 50): left -118 -> 0 and right 188 + 118; top -108 -> 0 and bottom 208 + 108.
        assertThat(CropBoxes.window(new Box(10, 20, 60, 80), 1000, 900, 128))
                .isEqualTo(new Box(0, 0, 306, 316));
    }

    @Test
    void extends_the_opposite_side_when_cut_at_the_bottom_right() {
        // centre (975, 875): right 1128 -> 1000 and left 822 - 128; bottom 1028 -> 900 and top 722 - 128.
        assertThat(CropBoxes.window(new Box(950, 850, 1000, 900), 1000, 900, 128))
                .isEqualTo(new Box(694, 594, 1000, 900));
    }

    @Test
    void clamps_to_the_image_when_the_window_is_larger_than_it() {
        assertThat(CropBoxes.window(new Box(50, 50, 150, 100), 200, 150, 128))
                .isEqualTo(new Box(0, 0, 200, 150));
    }

    @Test
    void halves_with_integer_division_so_odd_boxes_lose_a_line_without_margin() {
        // 3x1 box: centre (101, 100), half width 1, half height 0.
        Box window = CropBoxes.window(new Box(100, 100, 103, 101), 1000, 1000, 0);
        assertThat(window).isEqualTo(new Box(100, 100, 102, 100));
        assertThat(window.isEmpty()).isTrue();
    }

    @Test
    void finds_one_box_per_region_in_find_contours_order() {
        Mask mask = Images.rectangles(40, 30, new int[] {2, 3, 6, 5}, new int[] {20, 10, 31, 25},
                new int[] {25, 2, 28, 4});
        Mat mat = Mats.of(mask);
        try {
            // OpenCV scans rows top-down and lists external contours last-found first: the regions start at
            // (25, 2), (2, 3) and (20, 10) in scan order. IOPaint pastes in the listed order.
            assertThat(CropBoxes.fromMask(mat)).containsExactly(
                    new Box(20, 10, 31, 25), new Box(2, 3, 6, 5), new Box(25, 2, 28, 4));
        } finally {
            mat.release();
        }
    }

    @Test
    void counts_only_values_above_127_as_masked() {
        byte[] values = new byte[5 * 5];
        values[6] = 127;
        values[18] = (byte) 128;
        Mat mat = Mats.of(new Mask(5, 5, values));
        try {
            assertThat(CropBoxes.fromMask(mat)).containsExactly(new Box(3, 3, 4, 4));
        } finally {
            mat.release();
        }
    }

    @Test
    void boxes_a_java_mask_as_its_mat_and_leaves_it_untouched() {
        Mask mask = Images.rectangles(40, 30, new int[] {2, 3, 10, 8}, new int[] {20, 15, 35, 28});
        mask.values()[0] = 100;
        byte[] before = mask.values().clone();
        Mat mat = Mats.of(mask);
        try {
            assertThat(CropBoxes.fromMask(mask)).containsExactlyInAnyOrderElementsOf(CropBoxes.fromMask(mat))
                    .containsExactlyInAnyOrder(new Box(2, 3, 10, 8), new Box(20, 15, 35, 28));
            assertThat(mask.values()).isEqualTo(before);
        } finally {
            mat.release();
        }
    }
}
