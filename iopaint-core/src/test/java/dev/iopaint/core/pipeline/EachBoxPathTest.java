package dev.iopaint.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iopaint.api.CallPath;
import dev.iopaint.api.HdStrategy;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelType;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import org.junit.jupiter.api.Test;

class EachBoxPathTest {
    private static final PadRules MIGAN_PADDING = new PadRules(512, 512, true);
    private static final int FILL = 77;

    private final InpaintPipeline pipeline = new InpaintPipeline();
    // A margin and a strategy this path must ignore: it always crops with 128 around each region.
    private final InpaintRequest request = InpaintRequest.defaults().toBuilder()
            .hdStrategy(HdStrategy.ORIGINAL).hdStrategyCropMargin(10).build();

    @Test
    void each_region_is_cropped_with_a_128_margin_and_shrunk_to_fit_the_model_size() {
        RgbImage image = Images.pattern(1000, 700);
        // A: window [0, 0, 356, 356] (pushed in from the top-left corner), inpainted as it is.
        // B: window [394, 94, 1000, 700] (606x606, pushed in from the bottom-right), shrunk to 512x512.
        Mask mask = Images.rectangles(1000, 700, new int[] {100, 100, 200, 200}, new int[] {600, 300, 950, 650});
        FakeModel fake = new FakeModel(ModelType.INPAINT, MIGAN_PADDING,
                (input, m, call) -> solid(input.width(), input.height(), FILL));

        RgbImage result = pipeline.run(new EachBox(fake), image, mask, request.toBuilder()
                .sdKeepUnmaskedArea(false).build());

        assertThat(fake.sizes()).containsExactly("512x512", "512x512");
        RgbImage windowA = fake.images.stream().filter(input -> input.rgb(0, 0)[0] == 0).findFirst().orElseThrow();
        assertThat(crop(windowA, 0, 0, 356, 356)).isEqualTo(crop(image, 0, 0, 356, 356));
        Mask shrunkMask = fake.masks.get(fake.images.indexOf(windowA) == 0 ? 1 : 0);
        assertThat(greyValues(shrunkMask)).as("the cubic resize gives the shrunk mask grey edges").isPositive();
        // The model painted its whole input, so only the restore step keeps the unmasked pixels.
        assertThat(result).isEqualTo(FakeModel.fill(image, mask, FILL));
    }

    @Test
    void an_image_of_exactly_the_model_size_is_inpainted_whole() {
        RgbImage image = Images.pattern(512, 512);
        Mask mask = Images.rectangles(512, 512, new int[] {10, 10, 20, 30}, new int[] {400, 400, 500, 500});
        FakeModel fake = FakeModel.filling(MIGAN_PADDING, FILL);

        RgbImage result = pipeline.run(new EachBox(fake), image, mask, request);

        assertThat(fake.images).containsExactly(image);
        assertThat(fake.masks).containsExactly(mask);
        assertThat(result).isEqualTo(FakeModel.fill(image, mask, FILL));
    }

    @Test
    void a_small_image_is_cropped_too_while_the_hd_strategy_would_run_it_whole() {
        RgbImage image = Images.pattern(600, 600);
        Mask mask = Images.rectangles(600, 600, new int[] {290, 290, 310, 310});
        FakeModel fake = FakeModel.filling(MIGAN_PADDING, FILL);

        pipeline.run(new EachBox(fake), image, mask, request);

        // window [162, 162, 438, 438], 276x276, padded to 512; the whole 600x600 image would be padded to 1024
        assertThat(fake.sizes()).containsExactly("512x512");
        assertThat(crop(fake.images.get(0), 0, 0, 276, 276)).isEqualTo(crop(image, 162, 162, 438, 438));
    }

    @Test
    void inpaints_every_window_from_the_original_then_pastes_them_in_order_so_the_later_wins() {
        RgbImage image = Images.pattern(1000, 900);
        Mask mask = Images.rectangles(1000, 900, new int[] {300, 300, 310, 310}, new int[] {340, 300, 350, 310});
        FakeModel fake = new FakeModel(ModelType.INPAINT, MIGAN_PADDING,
                (input, m, call) -> FakeModel.fill(input, m, 50 * call));

        RgbImage result = pipeline.run(new EachBox(fake), image, mask, request);

        // findContours lists the right region first; the left one's window [172, 172, 438, 438] comes second,
        // is cropped from the original (no level 50 in it) and covers both regions, so its level (100) wins.
        assertThat(fake.sizes()).containsExactly("512x512", "512x512");
        assertThat(crop(fake.images.get(1), 0, 0, 266, 266)).isEqualTo(crop(image, 172, 172, 438, 438));
        assertThat(result).isEqualTo(FakeModel.fill(image, mask, 100));
    }

    @Test
    void an_empty_mask_never_reaches_the_model() {
        RgbImage image = Images.pattern(700, 600);
        FakeModel fake = FakeModel.filling(MIGAN_PADDING, FILL);

        assertThat(pipeline.run(new EachBox(fake), image, Mask.empty(700, 600), request)).isSameAs(image);
        assertThat(fake.images).isEmpty();
    }

    /** A fake model that asks for the each-box call path. */
    private record EachBox(FakeModel fake) implements InpaintModel {
        @Override
        public CallPath callPath() {
            return CallPath.EACH_BOX_AT_MODEL_SIZE;
        }

        @Override
        public ModelInfo info() {
            return fake.info();
        }

        @Override
        public PadRules padRules() {
            return fake.padRules();
        }

        @Override
        public RgbImage forward(RgbImage image, Mask mask, InpaintRequest request) {
            return fake.forward(image, mask, request);
        }

        @Override
        public void close() {
        }
    }

    private static long greyValues(Mask mask) {
        long count = 0;
        for (byte value : mask.values()) {
            if (value != 0 && value != (byte) 255) {
                count++;
            }
        }
        return count;
    }

    private static RgbImage solid(int width, int height, int level) {
        byte[] pixels = new byte[width * height * 3];
        java.util.Arrays.fill(pixels, (byte) level);
        return new RgbImage(width, height, pixels);
    }

    private static RgbImage crop(RgbImage image, int left, int top, int right, int bottom) {
        byte[] pixels = new byte[(right - left) * (bottom - top) * 3];
        int row = (right - left) * 3;
        for (int y = top; y < bottom; y++) {
            System.arraycopy(image.pixels(), (y * image.width() + left) * 3, pixels, (y - top) * row, row);
        }
        return new RgbImage(right - left, bottom - top, pixels);
    }
}
