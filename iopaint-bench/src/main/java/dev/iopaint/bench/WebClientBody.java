package dev.iopaint.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iopaint.core.json.IopaintJson;

import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * The JSON body IOPaint's web client (v1.6.0, {@code web_app/src/lib/api.ts}) posts to {@code /api/v1/inpaint}:
 * the image file and the mask PNG as base64 data URLs ({@code FileReader.readAsDataURL}), then every setting with
 * the web client's defaults, its misspelled field names included (the server ignores those).
 */
final class WebClientBody {
    private WebClientBody() {
    }

    /** The request's settings without the image and mask: what both the server and the direct calls run with. */
    static ObjectNode settings() {
        ObjectNode node = IopaintJson.mapper().createObjectNode();
        node.put("ldm_steps", 30);
        node.put("ldm_sampler", "ddim");
        node.put("zits_wireframe", true);
        node.put("cv2_flag", "INPAINT_NS");
        node.put("cv2_radius", 5);
        node.put("hd_strategy", "Crop");
        node.put("hd_strategy_crop_triger_size", 640);
        node.put("hd_strategy_crop_margin", 128);
        node.put("hd_trategy_resize_imit", 2048);
        node.put("prompt", "");
        node.put("negative_prompt", "");
        node.put("use_croper", false);
        node.put("croper_x", 0);
        node.put("croper_y", 0);
        node.put("croper_height", 512);
        node.put("croper_width", 512);
        node.put("use_extender", false);
        node.put("extender_x", 0);
        node.put("extender_y", 0);
        node.put("extender_height", 512);
        node.put("extender_width", 512);
        node.put("sd_mask_blur", 12);
        node.put("sd_strength", 1.0);
        node.put("sd_steps", 50);
        node.put("sd_guidance_scale", 7.5);
        node.put("sd_sampler", "DPM++ 2M");
        node.put("sd_seed", -1);
        node.put("sd_match_histograms", false);
        node.put("sd_lcm_lora", false);
        node.putNull("paint_by_example_example_image");
        node.put("p2p_image_guidance_scale", 1.5);
        node.put("enable_controlnet", false);
        node.put("controlnet_conditioning_scale", 0.4);
        node.put("controlnet_method", "lllyasviel/control_v11p_sd15_canny");
        node.put("enable_brushnet", false);
        node.put("brushnet_method", "random_mask");
        node.put("brushnet_conditioning_scale", 1.0);
        node.put("powerpaint_task", "text-guided");
        return node;
    }

    /** The whole body as UTF-8 bytes, image and mask first as {@code JSON.stringify} orders them. */
    static byte[] of(byte[] image, String imageMimeType, byte[] maskPng) {
        ObjectNode body = IopaintJson.mapper().createObjectNode();
        body.put("image", dataUrl(imageMimeType, image));
        body.put("mask", dataUrl("image/png", maskPng));
        body.setAll(settings());
        try {
            return IopaintJson.mapper().writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dataUrl(String mimeType, byte[] file) {
        return "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(file);
    }
}
