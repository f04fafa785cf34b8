package dev.iopaint.openai;

import static dev.iopaint.openai.FakeOpenAi.b64;
import static dev.iopaint.openai.FakeOpenAi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.ModelType;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.image.DecodedImage;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAiCompatModelTest {
    private static final String KEY = "sk-test-model-key";
    private static final ModelInfo INFO = new ModelInfo("openai-compat", "openai-compat", ModelType.OPENAI_COMPAT,
            false);
    private static final ImageCodec CODEC = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
    private static final int[] RED = {200, 10, 10};

    private FakeOpenAi server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAi();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A 64x32 gradient, whose 2:1 aspect makes gpt-image-1 take 1536x1024 (the image fills 1536x768 of it). */
    private static RgbImage gradient() {
        RgbImage image = RgbImage.blank(64, 32);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                int i = (y * 64 + x) * 3;
                image.pixels()[i] = (byte) (x * 4);
                image.pixels()[i + 1] = (byte) (y * 8);
                image.pixels()[i + 2] = 77;
            }
        }
        return image;
    }

    /** Marks x 8..23, y 8..23. */
    private static Mask square() {
        Mask mask = Mask.empty(64, 32);
        for (int y = 8; y < 24; y++) {
            for (int x = 8; x < 24; x++) {
                mask.values()[y * 64 + x] = (byte) 255;
            }
        }
        return mask;
    }

    private static byte[] solidPng(int width, int height, int[] rgb) {
        RgbImage image = RgbImage.blank(width, height);
        for (int i = 0; i < width * height; i++) {
            image.pixels()[i * 3] = (byte) rgb[0];
            image.pixels()[i * 3 + 1] = (byte) rgb[1];
            image.pixels()[i * 3 + 2] = (byte) rgb[2];
        }
        return CODEC.encode(image, null, ImageFormat.PNG, 100, null);
    }

    private OpenAiCompatModel model(CallGate gate) {
        OpenAiSettings settings = OpenAiSettings.from(Map.of("OPENAI_API_KEY", KEY,
                "OPENAI_BASE_URL", server.baseUrl(), "OPENAI_MAX_RETRIES", "0"));
        return new OpenAiCompatModel(INFO, settings, new ImageEditClient(settings, Duration.ofMillis(10)), gate);
    }

    private static InpaintRequest prompt(String text) {
        return InpaintRequest.builder().prompt(text).build();
    }

    @Test
    void sends_the_fitted_image_and_a_mask_that_is_transparent_where_the_image_may_change() {
        server.then(b64(solidPng(1536, 1024, RED)));

        model(CallGate.NONE).forward(gradient(), square(), prompt("a red square"));

        FakeOpenAi.Received request = server.received().get(0);
        assertThat(request.field("size")).isEqualTo("1536x1024");
        assertThat(request.field("prompt")).isEqualTo("a red square");
        DecodedImage image = CODEC.decode(request.parts().get("image"));
        DecodedImage mask = CODEC.decode(request.parts().get("mask"));
        assertThat(image.width()).isEqualTo(1536);
        assertThat(image.height()).isEqualTo(1024);
        assertThat(mask.width()).isEqualTo(1536);
        assertThat(mask.height()).isEqualTo(1024);
        // scale 24: image pixel (16, 16) lands at (384, 384), (50, 10) at (1200, 240); rows 768.. are padding
        assertThat(mask.alpha()[384 * 1536 + 384] & 0xFF).isZero();
        assertThat(mask.alpha()[240 * 1536 + 1200] & 0xFF).isEqualTo(255);
        assertThat(mask.alpha()[900 * 1536 + 384] & 0xFF).isEqualTo(255);
        assertThat(image.rgb().rgb(1200, 240)[2]).isEqualTo(77);
    }

    @Test
    void only_the_masked_pixels_change() {
        server.then(b64(solidPng(1536, 1024, RED)));
        RgbImage original = gradient();
        Mask mask = square();

        RgbImage result = model(CallGate.NONE).forward(original, mask, prompt("a red square"));

        assertThat(result.width()).isEqualTo(64);
        assertThat(result.height()).isEqualTo(32);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                int[] expected = mask.value(x, y) != 0 ? RED : original.rgb(x, y);
                assertThat(result.rgb(x, y)).as("pixel (%d, %d)", x, y).containsExactly(expected);
            }
        }
    }

    @Test
    void an_answer_of_another_size_is_scaled_back() {
        server.then(b64(solidPng(768, 512, RED)));

        RgbImage result = model(CallGate.NONE).forward(gradient(), square(), prompt("red"));

        assertThat(result.rgb(16, 16)).containsExactly(RED);
        assertThat(result.rgb(40, 16)).containsExactly(gradient().rgb(40, 16));
    }

    @Test
    void an_empty_prompt_asks_for_one_and_calls_nothing() {
        assertThatThrownBy(() -> model(CallGate.NONE).forward(gradient(), square(), prompt("  ")))
                .isInstanceOf(UnsupportedInputException.class).hasMessageContaining("prompt");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void an_empty_mask_returns_the_image_without_a_paid_call() {
        RgbImage image = gradient();

        assertThat(model(CallGate.NONE).forward(image, Mask.empty(64, 32), prompt("x"))).isEqualTo(image);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void the_gate_sees_each_call_with_the_files_sent_and_may_answer_in_its_place() {
        List<String> events = new ArrayList<>();
        byte[] cached = solidPng(1536, 1024, RED);
        CallGate gate = (call, upstream) -> {
            events.add(call.operation() + " " + call.model() + " " + call.size() + " " + call.prompt() + " "
                    + call.images().size() + " files");
            return events.size() == 1 ? upstream.get() : cached;
        };
        server.then(b64(solidPng(1536, 1024, RED)));
        OpenAiCompatModel model = model(gate);

        RgbImage first = model.forward(gradient(), square(), prompt("red"));
        RgbImage second = model.forward(gradient(), square(), prompt("red"));

        assertThat(events).containsExactly("edit gpt-image-1 1536x1024 red 2 files",
                "edit gpt-image-1 1536x1024 red 2 files");
        assertThat(second).isEqualTo(first);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void the_budget_answers_an_identical_request_from_its_cache_without_paying_twice(@TempDir Path models) {
        server.then(b64(solidPng(1536, 1024, RED)));
        Map<String, String> environment = Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", server.baseUrl(),
                "AIE_DATA_DIR", models.resolve("data").toString(), "AIE_RATE_LIMIT_SECONDS", "0");

        try (Iopaint iopaint = Iopaint.builder().modelDir(models).model("openai-compat")
                .environment(environment).build()) {
            RgbImage first = iopaint.inpaint(gradient(), square(), prompt("a red square"));
            RgbImage again = iopaint.inpaint(gradient(), square(), prompt("a red square"));

            assertThat(again).isEqualTo(first);
        }
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void an_answer_that_is_not_an_image_is_an_inference_failure() {
        server.then(b64(new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> model(CallGate.NONE).forward(gradient(), square(), prompt("red")))
                .isInstanceOf(InferenceFailedException.class).hasMessageContaining("could not be read");
    }

    @Test
    void the_provider_describes_a_model_without_files_needing_a_prompt_and_refuses_to_load_without_a_key() {
        OpenAiCompatProvider provider = new OpenAiCompatProvider();

        assertThat(provider.specs()).singleElement().satisfies(spec -> {
            assertThat(spec.name()).isEqualTo("openai-compat");
            assertThat(spec.type()).isEqualTo(ModelType.OPENAI_COMPAT);
            assertThat(spec.files()).isEmpty();
        });
        assertThat(INFO.needPrompt()).isTrue();
        assertThatThrownBy(() -> provider.load(INFO, LoadOptions.CPU, null))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void inpaints_end_to_end_through_iopaint(@TempDir Path models) {
        server.then(b64(solidPng(1536, 1024, RED)));
        RgbImage original = gradient();

        try (Iopaint iopaint = Iopaint.builder().modelDir(models).model("openai-compat")
                .environment(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", server.baseUrl(),
                        "AIE_DATA_DIR", models.resolve("data").toString())).build()) {
            assertThat(iopaint.models()).contains(INFO);
            RgbImage result = iopaint.inpaint(original, square(), prompt("a red square"));

            assertThat(result.rgb(16, 16)).containsExactly(RED);
            assertThat(result.rgb(40, 16)).containsExactly(original.rgb(40, 16));
        }
        assertThat(server.received()).singleElement()
                .satisfies(request -> assertThat(request.headers()).containsEntry("authorization", "Bearer " + KEY));
    }

    @Test
    void the_budget_in_the_data_folder_refuses_a_call_that_would_pass_the_session_cap(@TempDir Path models) {
        server.then(b64(solidPng(1536, 1024, RED)));
        Map<String, String> environment = Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", server.baseUrl(),
                "AIE_DATA_DIR", models.resolve("data").toString(), "AIE_BUDGET_SESSION_CAP", "0.05",
                "AIE_RATE_LIMIT_SECONDS", "0");

        try (Iopaint iopaint = Iopaint.builder().modelDir(models).model("openai-compat")
                .environment(environment).build()) {
            iopaint.inpaint(gradient(), square(), prompt("a red square"));

            assertThatThrownBy(() -> iopaint.inpaint(gradient(), square(), prompt("a blue square")))
                    .isInstanceOf(dev.iopaint.openai.budget.BudgetExceededException.class)
                    .hasMessageContaining("session");
        }
        assertThat(server.received()).hasSize(1);
        assertThat(models.resolve("data/budget.db")).exists();
    }
}
