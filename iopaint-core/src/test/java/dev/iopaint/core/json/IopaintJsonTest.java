package dev.iopaint.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.api.HdStrategy;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelType;
import dev.iopaint.api.SdSampler;
import dev.iopaint.api.UnsupportedInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IopaintJsonTest {
    private static JsonNode json(String text) throws Exception {
        return IopaintJson.mapper().readTree(text);
    }

    @Test
    void an_empty_request_has_iopaints_defaults() throws Exception {
        InpaintRequest request = IopaintJson.readRequest(json("{}"));

        assertThat(request).isEqualTo(InpaintRequest.defaults());
        assertThat(request.hdStrategy()).isEqualTo(HdStrategy.CROP);
        assertThat(request.hdStrategyCropTriggerSize()).isEqualTo(800);
        assertThat(request.hdStrategyResizeLimit()).isEqualTo(1280);
        assertThat(request.cv2Radius()).isEqualTo(4);
        assertThat(request.sdSeed()).isEqualTo(42);
    }

    @Test
    void reads_snake_case_fields_and_iopaints_enum_spellings() throws Exception {
        InpaintRequest request = IopaintJson.readRequest(json("""
                {"hd_strategy": "Resize", "hd_strategy_resize_limit": 1024, "sd_sampler": "DPM++ 2M",
                 "cv2_flag": "INPAINT_TELEA", "cv2_radius": 5, "sd_keep_unmasked_area": false}"""));

        assertThat(request.hdStrategy()).isEqualTo(HdStrategy.RESIZE);
        assertThat(request.hdStrategyResizeLimit()).isEqualTo(1024);
        assertThat(request.sdSampler()).isEqualTo(SdSampler.DPM_PLUS_PLUS_2M);
        assertThat(request.cv2Radius()).isEqualTo(5);
        assertThat(request.sdKeepUnmaskedArea()).isFalse();
    }

    @Test
    void ignores_unknown_keys_such_as_the_web_clients_misspellings_and_nulls() throws Exception {
        InpaintRequest request = IopaintJson.readRequest(json("""
                {"hd_strategy_crop_triger_size": 640, "hd_trategy_resize_imit": 2048, "image": "data:...",
                 "paint_by_example_example_image": null, "controlnet_method": ""}"""));

        assertThat(request.hdStrategyCropTriggerSize()).isEqualTo(800);
        assertThat(request.hdStrategyResizeLimit()).isEqualTo(1280);
        assertThat(request.controlnetMethod()).isEmpty();
    }

    @Test
    void a_seed_of_minus_one_becomes_a_random_seed_in_iopaints_range() throws Exception {
        InpaintRequest request = IopaintJson.readRequest(json("{\"sd_seed\": -1}"));

        assertThat(request.sdSeed()).isBetween(1L, InpaintRequest.MAX_RANDOM_SEED);
    }

    @Test
    void applies_iopaints_rules_between_fields() throws Exception {
        InpaintRequest request = IopaintJson.readRequest(json("""
                {"use_extender": true, "enable_controlnet": true, "sd_strength": 0.5,
                 "enable_brushnet": true, "sd_lcm_lora": true}"""));

        assertThat(request.sdStrength()).isEqualTo(1.0);
        assertThat(request.controlnetConditioningScale()).isZero();
        assertThat(request.enableControlnet()).isFalse();
        assertThat(request.sdLcmLora()).isFalse();
        assertThat(request.enableBrushnet()).isTrue();
    }

    @Test
    void names_the_field_of_a_value_out_of_range_or_of_the_wrong_type() {
        assertThatThrownBy(() -> IopaintJson.readRequest(json("{\"sd_scale\": 0}")))
                .isInstanceOf(UnsupportedInputException.class).hasMessageContaining("sd_scale");
        assertThatThrownBy(() -> IopaintJson.readRequest(json("{\"hd_strategy\": \"Tile\"}")))
                .isInstanceOf(UnsupportedInputException.class).hasMessageContaining("Crop");
        assertThatThrownBy(() -> IopaintJson.readRequest(json("{\"ldm_steps\": \"many\"}")))
                .isInstanceOf(UnsupportedInputException.class).hasMessageContaining("ldm_steps");
    }

    @Test
    void writes_a_model_info_with_iopaints_computed_fields() throws Exception {
        ModelInfo sd = new ModelInfo("Sanster/anything-4.0-inpainting", "Sanster/anything-4.0-inpainting",
                ModelType.DIFFUSERS_SD_INPAINT, false);

        JsonNode written = IopaintJson.mapper().valueToTree(sd);

        assertThat(written.get("model_type").asText()).isEqualTo("diffusers_sd_inpaint");
        assertThat(written.get("need_prompt").asBoolean()).isTrue();
        assertThat(written.get("controlnets")).hasSize(4);
        assertThat(written.get("brushnets")).isEmpty();
        assertThat(written.get("support_brushnet").asBoolean()).isFalse();
        assertThat(written.get("support_powerpaint_v2").asBoolean()).isFalse();
        assertThat(written.get("is_single_file_diffusers").asBoolean()).isFalse();
    }

    @Test
    void an_erase_model_takes_no_prompt_and_has_empty_lists_not_nulls() {
        JsonNode written = IopaintJson.mapper().valueToTree(ModelInfo.erase("lama"));

        assertThat(written.get("need_prompt").asBoolean()).isFalse();
        assertThat(written.get("controlnets").isArray()).isTrue();
        assertThat(written.get("brushnets").isArray()).isTrue();
        assertThat(written.get("path").asText()).isEqualTo("lama");
    }
}
