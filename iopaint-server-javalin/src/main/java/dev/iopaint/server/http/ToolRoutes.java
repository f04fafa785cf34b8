package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.api.Mask;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.ImageMetadata;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UnprocessableContentResponse;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web client's helpers: {@code POST /api/v1/gen-info} reads the prompts an image was made with,
 * {@code POST /api/v1/adjust_mask} grows, shrinks or inverts a mask, and {@code GET|POST /api/v1/samplers} lists the
 * diffusion samplers (IOPaint answers only GET, but its web client asks with POST).
 */
public final class ToolRoutes implements RouteGroup {
    private static final String NEGATIVE_PROMPT = "Negative prompt: ";

    private final ImageCodec codec;
    private final long maxUploadBytes;

    public ToolRoutes(ImageCodec codec, long maxUploadBytes) {
        this.codec = codec;
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/gen-info", this::genInfo);
        routes.post("/api/v1/adjust_mask", this::adjustMask);
        routes.get("/api/v1/samplers", ctx -> ctx.json(ServerConfigRoutes.SAMPLERS));
        routes.post("/api/v1/samplers", ctx -> ctx.json(ServerConfigRoutes.SAMPLERS));
    }

    private void genInfo(Context ctx) throws IOException {
        UploadedFile file = MultipartFiles.required(ctx, "file", maxUploadBytes);
        byte[] bytes;
        try (InputStream in = file.content()) {
            bytes = in.readAllBytes();
        }
        String parameters = codec.decode(bytes).metadata().parameters().orElse("");
        ctx.json(prompts(parameters));
    }

    /**
     * Splits A1111-style generation parameters as IOPaint does: the prompt is everything before
     * {@code "Negative prompt: "}, the negative prompt the rest of that line.
     */
    static Map<String, String> prompts(String parameters) {
        String[] parts = parameters.split(java.util.regex.Pattern.quote(NEGATIVE_PROMPT), -1);
        String negative = "";
        if (parts.length > 1) {
            negative = parts[1].split("\n", -1)[0].strip();
        }
        Map<String, String> info = new LinkedHashMap<>();
        info.put("prompt", parts[0].strip());
        info.put("negative_prompt", negative);
        return info;
    }

    private void adjustMask(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        String encodedMask = JsonBodies.requiredString(body, "mask");
        MaskAdjuster.Operation operation = operation(JsonBodies.requiredString(body, "operate"));
        int kernelSize = JsonBodies.intOr(body, "kernel_size", 5);
        if (kernelSize < 0 || kernelSize > MaskAdjuster.MAX_KERNEL_SIZE) {
            throw new UnprocessableContentResponse("Field 'kernel_size' must be between 0 and "
                    + MaskAdjuster.MAX_KERNEL_SIZE + ", got " + kernelSize);
        }
        byte[] maskBytes = Base64Images.decode(encodedMask, "mask");
        Mask mask = codec.decodeMask(maskBytes);
        MaskAdjuster.BrushMask adjusted = MaskAdjuster.adjust(mask, kernelSize, operation);
        byte[] png = codec.encode(adjusted.rgb(), adjusted.alpha(), ImageFormat.PNG, 100, ImageMetadata.NONE);
        ctx.contentType(ImageFormat.PNG.mimeType()).result(png);
    }

    private static MaskAdjuster.Operation operation(String name) {
        for (MaskAdjuster.Operation operation : MaskAdjuster.Operation.values()) {
            if (operation.wireName().equals(name)) {
                return operation;
            }
        }
        throw new UnprocessableContentResponse("Field 'operate' must be expand, shrink or reverse, got '" + name + "'");
    }
}
