package dev.iopaint.openai.budget;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One paid image call as the budget sees it: who asks ({@code session}), what ({@code operation}, e.g. "edit"),
 * on which {@code model} at which {@code size} and {@code quality}, with the prompt, the other parameters and the
 * input images (image, mask) that make two requests the same.
 */
public record PaidRequest(String session, String operation, String model, String size, String quality,
        String prompt, Map<String, String> params, List<byte[]> images) {

    public PaidRequest {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(prompt, "prompt");
        params = Map.copyOf(params);
        images = List.copyOf(images);
    }

    /**
     * SHA-256 (hex) over the normalized prompt (trimmed, runs of whitespace made one space), the operation, model,
     * size, quality and parameters (sorted by name) and the SHA-256 of each input image. The session is left out:
     * the same request from another tab is still the same request.
     */
    public String fingerprint() {
        MessageDigest digest = sha256();
        StringBuilder text = new StringBuilder()
                .append("prompt=").append(prompt.strip().replaceAll("\\s+", " ")).append('\n')
                .append("operation=").append(operation).append('\n')
                .append("model=").append(model).append('\n')
                .append("size=").append(size).append('\n')
                .append("quality=").append(quality).append('\n');
        new TreeMap<>(params).forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        for (byte[] image : images) {
            text.append("image=").append(HexFormat.of().formatHex(sha256().digest(image))).append('\n');
        }
        return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
