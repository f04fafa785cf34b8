package dev.iopaint.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.HdStrategy;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelType;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.api.spi.InpaintModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InpaintPipelineTest {
    private static final int FILL = 77;

    private final InpaintPipeline pipeline = new InpaintPipeline();
    private final InpaintRequest defaults = InpaintRequest.defaults();

    @Test
    void pads_to_modulo_8_for_the_model_and_crops_back() {
        RgbImage image = Images.pattern(10, 13);
        Mask mask = Images.rectangles(10, 13, new int[] {2, 2, 5, 5});
        FakeModel model = FakeModel.filling(PadRules.modulo(8), FILL);

        RgbImage result = pipeline.run(model, image, mask, defaults);

        assertThat(model.sizes()).containsExactly("16x16");
        assertThat(result).isEqualTo(FakeModel.fill(image, mask, FILL));
    }

    @Test
    void pads_to_at_least_the_minimum_size_and_to_a_square() {
        FakeModel model = FakeModel.filling(new PadRules(8, 512, true), FILL);

        pipeline.run(model, Images.pattern(100, 30), Images.rectangles(100, 30, new int[] {0, 0, 1, 1}), defaults);

        assertThat(model.sizes()).containsExactly("512x512");
    }

    @Test
    void never_pads_with_modulo_1() {
        FakeModel model = FakeModel.filling(PadRules.NONE, FILL);

        pipeline.run(model, Images.pattern(7, 5), Images.rectangles(7, 5, new int[] {0, 0, 1, 1}), defaults);

        assertThat(model.sizes()).containsExactly("7x5");
    }

    @Test
    void mirror_pads_image_and_mask_repeating_the_edge() {
        RgbImage image = new RgbImage(3, 2, bytes(
                10, 20, 30, 40, 50, 60, 70, 80, 90,
                11, 21, 31, 41, 51, 61, 71, 81, 91));
        Mask mask = new Mask(3, 2, bytes(0, 0, 255, 0, 0, 0));
        FakeModel model = FakeModel.filling(PadRules.modulo(4), FILL);

        pipeline.run(model, image, mask, defaults);

        assertThat(model.images.get(0)).isEqualTo(new RgbImage(4, 4, bytes(
                10, 20, 30, 40, 50, 60, 70, 80, 90, 70, 80, 90,
                11, 21, 31, 41, 51, 61, 71, 81, 91, 71, 81, 91,
                11, 21, 31, 41, 51, 61, 71, 81, 91, 71, 81, 91,
                10, 20, 30, 40, 50, 60, 70, 80, 90, 70, 80, 90)));
        assertThat(model.masks.get(0)).isEqualTo(new Mask(4, 4, bytes(
                0, 0, 255, 255,
                0, 0, 0, 0,
                0, 0, 0, 0,
                0, 0, 255, 255)));
    }

    @Test
    void uses_the_whole_model_output_when_the_unmasked_area_is_not_kept() {
        RgbImage image = Images.pattern(8, 8);
        FakeModel model = new FakeModel(ModelType.INPAINT, PadRules.NONE,
                (input, mask, call) -> solid(input.width(), input.height(), FILL));

        RgbImage result = pipeline.run(model, image, Images.rectangles(8, 8, new int[] {0, 0, 1, 1}),
                defaults.toBuilder().sdKeepUnmaskedArea(false).build());

        assertThat(result).isEqualTo(solid(8, 8, FILL));
    }

    @Test
    void crops_a_margin_window_around_each_region_on_large_images() {
        RgbImage image = Images.pattern(1000, 1000);
        Mask mask = Images.rectangles(1000, 1000, new int[] {400, 400, 450, 460});
        FakeModel model = FakeModel.filling(PadRules.modulo(8), FILL);

        RgbImage result = pipeline.run(model, image, mask, defaults);

        // window [272, 272, 578, 588] is 306x316, padded to 312x320
        assertThat(model.sizes()).containsExactly("312x320");
        assertThat(result).isEqualTo(FakeModel.fill(image, mask, FILL));
    }

    @Test
    void inpaints_every_crop_from_the_original_then_pastes_them_in_order_so_the_later_wins() {
        RgbImage image = Images.pattern(1000, 900);
        Mask mask = Images.rectangles(1000, 900, new int[] {300, 300, 310, 310}, new int[] {340, 300, 350, 310});
        FakeModel model = new FakeModel(ModelType.INPAINT, PadRules.NONE,
                (input, m, call) -> FakeModel.fill(input, m, 50 * call));

        RgbImage result = pipeline.run(model, image, mask, defaults);

        // findContours lists the right region first; the left one's window [172, 172, 438, 438] comes second
        // and covers both regions, so its level (100) wins everywhere.
        assertThat(model.sizes()).containsExactly("266x266", "266x266");
        assertThat(model.images.get(1)).isEqualTo(crop(image, new Box(172, 172, 438, 438)));
        assertThat(result).isEqualTo(FakeModel.fill(image, mask, 100));
    }

    @Test
    void hands_all_crop_windows_of_one_image_to_the_model_in_one_call() {
        RgbImage image = Images.pattern(1000, 900);
        Mask mask = Images.rectangles(1000, 900, new int[] {100, 100, 120, 120}, new int[] {700, 600, 720, 620});
        FakeModel model = FakeModel.filling(PadRules.modulo(8), FILL);

        RgbImage result = pipeline.run(model, image, mask, defaults);

        assertThat(model.batches).containsExactly(2);
        assertThat(result).isEqualTo(FakeModel.fill(image, mask, FILL));
    }

    @Test
    void reports_a_model_that_returns_fewer_images_than_crop_windows() {
        FakeModel filling = FakeModel.filling(PadRules.modulo(8), FILL);
        InpaintModel model = new InpaintModel() {
            @Override
            public ModelInfo info() {
                return filling.info();
            }

            @Override
            public PadRules padRules() {
                return filling.padRules();
            }

            @Override
            public RgbImage forward(RgbImage image, Mask mask, InpaintRequest request) {
                return filling.forward(image, mask, request);
            }

            @Override
            public List<RgbImage> forwardEach(List<RgbImage> images, List<Mask> masks, InpaintRequest request) {
                return List.of(forward(images.get(0), masks.get(0), request));
            }

            @Override
            public void close() {
            }
        };
        Mask mask = Images.rectangles(1000, 900, new int[] {100, 100, 120, 120}, new int[] {700, 600, 720, 620});

        assertThatThrownBy(() -> pipeline.run(model, Images.pattern(1000, 900), mask, defaults))
                .isInstanceOf(InferenceFailedException.class)
                .hasMessageContaining("returned 1 image(s) for 2 windows");
    }

    @Test
    void resizes_the_longer_side_to_the_limit_for_the_model() {
        FakeModel model = FakeModel.filling(PadRules.modulo(8), FILL);

        RgbImage result = pipeline.run(model, Images.pattern(2000, 1000),
                Images.rectangles(2000, 1000, new int[] {500, 300, 900, 600}),
                defaults.toBuilder().hdStrategy(HdStrategy.RESIZE).build());

        assertThat(model.sizes()).containsExactly("1280x640");
        assertThat(result.width()).isEqualTo(2000);
        assertThat(result.height()).isEqualTo(1000);
    }

    @Test
    void resize_restores_every_unmasked_pixel_exactly() {
        assertResizeKeepsUnmaskedPixels(FakeModel.filling(PadRules.modulo(8), FILL), true);
    }

    @Test
    void resize_restores_unmasked_pixels_even_when_the_unmasked_area_is_not_kept() {
        FakeModel paintsEverything = new FakeModel(ModelType.INPAINT, PadRules.modulo(8),
                (input, mask, call) -> solid(input.width(), input.height(), FILL));
        assertResizeKeepsUnmaskedPixels(paintsEverything, false);
    }

    private void assertResizeKeepsUnmaskedPixels(FakeModel model, boolean keepUnmasked) {
        RgbImage image = Images.pattern(500, 250);
        Mask mask = Images.rectangles(500, 250, new int[] {125, 75, 225, 150});

        RgbImage result = pipeline.run(model, image, mask, defaults.toBuilder().hdStrategy(HdStrategy.RESIZE)
                .hdStrategyResizeLimit(320).sdKeepUnmaskedArea(keepUnmasked).build());

        assertThat(model.sizes()).containsExactly("320x160");
        List<String> wrong = new ArrayList<>();
        for (int y = 0; y < 250; y++) {
            for (int x = 0; x < 500; x++) {
                int[] rgb = result.rgb(x, y);
                boolean inside = x >= 135 && x < 215 && y >= 85 && y < 140;
                if (mask.value(x, y) == 0 && !Arrays.equals(rgb, image.rgb(x, y))
                        || inside && Arrays.stream(rgb).anyMatch(level -> Math.abs(level - FILL) > 1)) {
                    wrong.add("(" + x + ", " + y + ") " + Arrays.toString(rgb));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void checks_the_crop_trigger_before_the_resize_limit() {
        FakeModel model = FakeModel.filling(PadRules.modulo(8), FILL);

        pipeline.run(model, Images.pattern(2000, 1000), Images.rectangles(2000, 1000, new int[] {500, 300, 900, 600}),
                defaults);

        // Crop (the default): window [372, 172, 1028, 728] is 656x556, padded to 656x560.
        assertThat(model.sizes()).containsExactly("656x560");
    }

    @Test
    void resizes_only_with_the_resize_strategy() {
        FakeModel model = FakeModel.filling(PadRules.modulo(8), FILL);

        pipeline.run(model, Images.pattern(2000, 1000), Images.rectangles(2000, 1000, new int[] {10, 10, 20, 20}),
                defaults.toBuilder().hdStrategyCropTriggerSize(3000).build());

        // Crop below its trigger falls through to the whole image, however far above the resize limit.
        assertThat(model.sizes()).containsExactly("2000x1000");
    }

    @Test
    void runs_the_whole_image_when_below_the_resize_limit() {
        FakeModel model = FakeModel.filling(PadRules.modulo(8), FILL);

        pipeline.run(model, Images.pattern(1000, 500), Images.rectangles(1000, 500, new int[] {10, 10, 20, 20}),
                defaults.toBuilder().hdStrategy(HdStrategy.RESIZE).build());

        assertThat(model.sizes()).containsExactly("1000x504");
    }

    @Test
    void returns_the_input_without_calling_the_model_when_the_mask_is_empty() {
        RgbImage image = Images.pattern(30, 20);
        FakeModel model = FakeModel.filling(PadRules.modulo(8), FILL);

        RgbImage result = pipeline.run(model, image, Mask.empty(30, 20), defaults);

        assertThat(result).isSameAs(image);
        assertThat(model.images).isEmpty();
    }

    @Test
    void refuses_a_mask_of_another_size() {
        FakeModel model = FakeModel.filling(PadRules.modulo(8), FILL);

        assertThatThrownBy(() -> pipeline.run(model, Images.pattern(20, 10), Mask.empty(10, 10), defaults))
                .isInstanceOf(UnsupportedInputException.class)
                .hasMessageContaining("20x10")
                .hasMessageContaining("10x10")
                .hasMessageContaining("mask of exactly the image's size");
    }

    @Test
    void reports_a_model_that_returns_the_wrong_size() {
        FakeModel model = new FakeModel(ModelType.INPAINT, PadRules.modulo(8),
                (input, mask, call) -> solid(1, 1, 0));

        assertThatThrownBy(() -> pipeline.run(model, Images.pattern(16, 16),
                Images.rectangles(16, 16, new int[] {0, 0, 4, 4}), defaults))
                .isInstanceOf(InferenceFailedException.class)
                .hasMessageContaining("'fake'")
                .hasMessageContaining("1x1")
                .hasMessageContaining("16x16");
    }

    @Test
    void diffusion_models_get_the_sharp_mask_but_blend_with_the_blurred_one() {
        RgbImage image = solid(20, 20, 200);
        Mask mask = Images.rectangles(20, 20, new int[] {5, 5, 15, 15});
        FakeModel model = new FakeModel(ModelType.DIFFUSERS_SD_INPAINT, PadRules.NONE,
                (input, m, call) -> solid(input.width(), input.height(), 0));

        RgbImage result = pipeline.run(model, image, mask, defaults.toBuilder().sdMaskBlur(2).build());

        // The model paints everything black; the blurred mask lets some of that through just outside the mask.

        assertThat(model.masks).containsExactly(mask);
        assertThat(result.rgb(0, 0)).containsOnly(200);
        assertThat(result.rgb(10, 10)).containsOnly(0);
        assertThat(result.rgb(4, 10)[0]).isStrictlyBetween(0, 200);
        assertThat(result.rgb(5, 10)[0]).isStrictlyBetween(0, 200);
    }

    @Test
    void diffusion_models_skip_the_hd_strategy_and_scale_by_sd_scale() {
        FakeModel model = new FakeModel(ModelType.DIFFUSERS_SD, PadRules.NONE,
                (input, m, call) -> FakeModel.fill(input, m, FILL));

        RgbImage result = pipeline.run(model, Images.pattern(1000, 500),
                Images.rectangles(1000, 500, new int[] {10, 10, 20, 20}),
                defaults.toBuilder().sdScale(0.5).build());

        assertThat(model.sizes()).containsExactly("500x250");
        assertThat(result.width()).isEqualTo(1000);
        assertThat(result.height()).isEqualTo(500);
    }

    @Test
    void outpaints_to_the_extender_rectangle_with_a_replicated_border() {
        RgbImage image = Images.pattern(4, 3);
        FakeModel model = new FakeModel(ModelType.DIFFUSERS_SD_INPAINT, PadRules.NONE,
                (input, m, call) -> FakeModel.fill(input, m, FILL));
        InpaintRequest request = defaults.toBuilder().useExtender(true).sdMaskBlur(0)
                .extenderX(-2).extenderY(0).extenderWidth(6).extenderHeight(3).build();

        RgbImage result = pipeline.run(model, image, Mask.empty(4, 3), request);

        assertThat(model.masks).containsExactly(new Mask(6, 3, bytes(
                255, 255, 0, 0, 0, 0,
                255, 255, 0, 0, 0, 0,
                255, 255, 0, 0, 0, 0)));
        RgbImage grown = model.images.get(0);
        for (int y = 0; y < 3; y++) {
            assertThat(grown.rgb(0, y)).isEqualTo(image.rgb(0, y));
            assertThat(grown.rgb(1, y)).isEqualTo(image.rgb(0, y));
        }
        assertThat(result.width()).isEqualTo(6);
        assertThat(result.height()).isEqualTo(3);
        for (int y = 0; y < 3; y++) {
            assertThat(result.rgb(0, y)).containsOnly(FILL);
            assertThat(result.rgb(1, y)).containsOnly(FILL);
            for (int x = 0; x < 4; x++) {
                assertThat(result.rgb(x + 2, y)).isEqualTo(image.rgb(x, y));
            }
        }
    }

    @Test
    void the_cropper_inpaints_only_inside_its_rectangle() {
        RgbImage image = Images.pattern(10, 10);
        Mask mask = Images.rectangles(10, 10, new int[] {0, 0, 10, 10});
        FakeModel model = new FakeModel(ModelType.DIFFUSERS_SD_INPAINT, PadRules.NONE,
                (input, m, call) -> FakeModel.fill(input, m, FILL));
        InpaintRequest request = defaults.toBuilder().useCroper(true)
                .croperX(5).croperY(5).croperWidth(10).croperHeight(10).build();

        RgbImage result = pipeline.run(model, image, mask, request);

        assertThat(model.sizes()).containsExactly("5x5");
        assertThat(result).isEqualTo(FakeModel.fill(image, Images.rectangles(10, 10, new int[] {5, 5, 10, 10}), FILL));
    }

    @Test
    void refuses_an_extender_rectangle_that_misses_the_image() {
        FakeModel model = new FakeModel(ModelType.DIFFUSERS_SD_INPAINT, PadRules.NONE,
                (input, m, call) -> input);
        InpaintRequest request = defaults.toBuilder().useExtender(true).extenderX(50).extenderY(0).build();

        assertThatThrownBy(() -> pipeline.run(model, Images.pattern(10, 10), Mask.empty(10, 10), request))
                .isInstanceOf(UnsupportedInputException.class)
                .hasMessageContaining("extender")
                .hasMessageContaining("10x10");
    }

    private static RgbImage solid(int width, int height, int level) {
        byte[] pixels = new byte[width * height * 3];
        Arrays.fill(pixels, (byte) level);
        return new RgbImage(width, height, pixels);
    }

    private static RgbImage crop(RgbImage image, Box box) {
        byte[] pixels = new byte[box.width() * box.height() * 3];
        for (int y = 0; y < box.height(); y++) {
            System.arraycopy(image.pixels(), ((box.top() + y) * image.width() + box.left()) * 3, pixels,
                    y * box.width() * 3, box.width() * 3);
        }
        return new RgbImage(box.width(), box.height(), pixels);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
