package dev.iopaint.core.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iopaint.api.ModelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * IOPaint's {@code iopaint_cache.json} in a {@code stable_diffusion*} folder: {@code {file name: model type}}
 * for the single-file checkpoints already classified, so a scan opens only new files. The file is written in
 * IOPaint's own format ({@code json.dump(indent=2, ensure_ascii=False)}), so IOPaint and this library share it.
 */
final class ModelTypeCache {
    static final String FILE_NAME = "iopaint_cache.json";

    private static final Logger LOG = LoggerFactory.getLogger(ModelTypeCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String storedText;
    private final Map<String, ModelType> stored;

    private ModelTypeCache(Path file, String storedText, Map<String, ModelType> stored) {
        this.file = file;
        this.storedText = storedText;
        this.stored = stored;
    }

    /** Reads the cache of {@code folder}; a missing or corrupt file reads as empty (and is rewritten on save). */
    static ModelTypeCache load(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return new ModelTypeCache(file, null, Map.of());
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable {} ({}); its models are classified again", file, e.getMessage());
            return new ModelTypeCache(file, null, Map.of());
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            LOG.warn("Ignoring corrupt {}; its models are classified again and the file rewritten", file);
            return new ModelTypeCache(file, null, Map.of());
        }
        Map<String, ModelType> stored = new HashMap<>();
        root.properties().forEach(entry -> parseType(entry.getValue()).ifPresentOrElse(
                type -> stored.put(entry.getKey(), type),
                () -> LOG.debug("Ignoring {} entry {}: {} is not a Stable Diffusion model type",
                        file, entry.getKey(), entry.getValue())));
        return new ModelTypeCache(file, text, stored);
    }

    /** Any Stable Diffusion type is honoured, so a hand-edited entry can override the classification. */
    private static Optional<ModelType> parseType(JsonNode value) {
        for (ModelType type : ModelType.values()) {
            if (type.isStableDiffusion() && value.isTextual() && type.wireName().equals(value.asText())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    Optional<ModelType> lookup(String fileName) {
        return Optional.ofNullable(stored.get(fileName));
    }

    /**
     * Replaces the cache with {@code entries} (in their iteration order) unless the file already says exactly
     * that. Written to a temporary file and moved into place, so a reader never sees half a file. A failure is
     * logged, not thrown: the cache only saves time.
     */
    void save(Map<String, ModelType> entries) {
        String text = toJson(entries);
        if (text.equals(storedText)) {
            return;
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            Files.writeString(temp, text);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.debug("Wrote {} with {} entries", file, entries.size());
        } catch (IOException e) {
            LOG.warn("Cannot write {} ({}); the next scan classifies these models again", file, e.getMessage());
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", temp, e.getMessage());
        }
    }

    /** Python's {@code json.dumps(entries, indent=2, ensure_ascii=False)}, byte for byte. */
    static String toJson(Map<String, ModelType> entries) {
        if (entries.isEmpty()) {
            return "{}";
        }
        StringBuilder json = new StringBuilder("{");
        String separator = "\n  ";
        for (Map.Entry<String, ModelType> entry : entries.entrySet()) {
            json.append(separator).append(quote(entry.getKey())).append(": ")
                    .append(quote(entry.getValue().wireName()));
            separator = ",\n  ";
        }
        return json.append("\n}").toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                default -> quoted.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return quoted.append('"').toString();
    }
}
