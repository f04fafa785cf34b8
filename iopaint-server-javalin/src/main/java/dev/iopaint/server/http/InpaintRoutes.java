package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.image.DecodedImage;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.json.IopaintJson;
import dev.iopaint.openai.budget.BudgetSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UnprocessableContentResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/inpaint}: IOPaint's {@code InpaintRequest} as JSON with the image and mask as base64 (data
 * URLs welcome). The answer is the result in the input's format, with the input's alpha channel, EXIF, ICC profile
 * and PNG "parameters" text, encoded at the server's quality; header {@code X-Seed} carries the seed used. Unknown
 * fields, such as the web client's misspelled {@code hd_strategy_crop_triger_size}, are ignored. Requests wait
 * for the model in an {@link InpaintQueue}; each finished one is announced as {@code diffusion_finish}.
 *
 * <p>Like IOPaint, the result is not saved here even when auto-saving is on: the web client saves it through
 * {@code POST /api/v1/save_image}.
 */
public final class InpaintRoutes implements RouteGroup {
    private static final Logger log = LoggerFactory.getLogger(InpaintRoutes.class);

    private final Iopaint iopaint;
    private final ImageCodec codec;
    private final InpaintQueue queue;
    private final ProgressEvents progress;
    private final int quality;

    public InpaintRoutes(Iopaint iopaint, ImageCodec codec, InpaintQueue queue, ProgressEvents progress, int quality) {
        this.iopaint = iopaint;
        this.codec = codec;
        this.queue = queue;
        this.progress = progress;
        this.quality = quality;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/inpaint", this::inpaint);
    }

    private void inpaint(Context ctx) {
        // Admission comes first, so a full queue refuses a request before its body is even read.
        try (InpaintQueue.Ticket ticket = queue.enter()) {
            JsonNode body = JsonBodies.object(ctx);
            byte[] imageBytes = Base64Images.decode(JsonBodies.requiredString(body, "image"), "image");
            byte[] maskBytes = Base64Images.decode(JsonBodies.requiredString(body, "mask"), "mask");
            InpaintRequest request = request(body);
            DecodedImage image = codec.decode(imageBytes);
            Mask mask = codec.decodeMask(maskBytes);
            if (!image.rgb().sameSizeAs(mask)) {
                throw new UnsupportedInputException("Image size (" + image.width() + "x" + image.height()
                        + ") and mask size (" + mask.width() + "x" + mask.height() + ") do not match; send a mask"
                        + " of the image's size");
            }
            long start = System.nanoTime();
            // Paid models count the call against the client's budget session.
            RgbImage result = ticket.run(() -> BudgetSession.with(session(ctx),
                    () -> iopaint.inpaint(image.rgb(), mask, request)));
            log.info("Inpainted a {}x{} {} in {} ms", image.width(), image.height(), image.format(),
                    (System.nanoTime() - start) / 1_000_000);
            byte[] answer = codec.encode(result, image.alpha(), image.format(), quality, image.metadata());
            progress.publishFinish();
            ctx.header("X-Seed", Long.toString(request.sdSeed()))
                    .contentType(image.format().mimeType())
                    .result(answer);
        }
    }

    /** The client's budget session: {@code X-Session-Id}, else {@code ?session_id}, else md5(ip:user agent)[:16]. */
    static String session(Context ctx) {
        String header = ctx.header("X-Session-Id");
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String query = ctx.queryParam("session_id");
        if (query != null && !query.isBlank()) {
            return query.strip();
        }
        String client = ctx.ip() + ":" + java.util.Objects.requireNonNullElse(ctx.userAgent(), "");
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5")
                    .digest(client.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has MD5", e);
        }
    }

    /** The settings, with IOPaint's defaults for what is missing; a field of the wrong type or range gets 422. */
    private static InpaintRequest request(JsonNode body) {
        try {
            return IopaintJson.readRequest(body);
        } catch (UnsupportedInputException e) {
            throw new UnprocessableContentResponse(e.getMessage());
        }
    }
}
