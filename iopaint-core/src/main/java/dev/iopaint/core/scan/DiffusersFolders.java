package dev.iopaint.core.scan;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Diffusers pipelines, recognised by their {@code model_index.json}: those in the Hugging Face cache (IOPaint's
 * {@code scan_diffusers_models}) and converted folders under {@code stable_diffusion*}
 * ({@code scan_converted_diffusers_models}).
 */
final class DiffusersFolders {
    static final String MODEL_INDEX = "model_index.json";

    private static final Map<String, ModelType> SD_CLASSES = Map.of(
            "StableDiffusionPipeline", ModelType.DIFFUSERS_SD,
            "StableDiffusionInpaintPipeline", ModelType.DIFFUSERS_SD_INPAINT,
            "StableDiffusionXLPipeline", ModelType.DIFFUSERS_SDXL,
            "StableDiffusionXLInpaintPipeline", ModelType.DIFFUSERS_SDXL_INPAINT);
    private static final List<String> OTHER_CLASSES = List.of(
            "StableDiffusionInstructPix2PixPipeline", "PaintByExamplePipeline", "KandinskyV22InpaintPipeline",
            "AnyText");

    private static final Logger LOG = LoggerFactory.getLogger(DiffusersFolders.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DiffusersFolders() {
    }

    /**
     * The pipelines in a Hugging Face hub cache: {@code models--org--name/snapshots/<rev>/model_index.json}, named
     * {@code org/name} and addressed by that name. Only that layout is visited, never the blobs. When a repo has
     * several snapshots, the one {@code refs/main} names is tried first.
     */
    static List<ModelInfo> scanHub(Path hub) {
        List<ModelInfo> models = new ArrayList<>();
        for (Path repo : DiffusionModelScanner.children(hub)) {
            String folder = repo.getFileName().toString();
            if (!folder.startsWith("models--") || !Files.isDirectory(repo)) {
                continue;
            }
            String name = showName(folder);
            if (name.isBlank()) {
                continue;
            }
            for (Path snapshot : snapshots(repo)) {
                Optional<ModelType> type = className(snapshot.resolve(MODEL_INDEX)).flatMap(c -> hubType(name, c));
                if (type.isPresent()) {
                    LOG.debug("Found diffusers model {} ({}) in {}", name, type.get().wireName(), snapshot);
                    models.add(new ModelInfo(name, name, type.get(), false));
                    break;
                }
            }
        }
        return models;
    }

    private static List<Path> snapshots(Path repo) {
        List<Path> snapshots = new ArrayList<>(DiffusionModelScanner.children(repo.resolve("snapshots")));
        try {
            String main = Files.readString(repo.resolve("refs").resolve("main")).strip();
            snapshots.sort(Comparator.comparing(s -> !s.getFileName().toString().equals(main)));
        } catch (IOException e) {
            LOG.debug("{} has no readable refs/main; its snapshots are tried by name", repo);
        }
        return snapshots;
    }

    /** As IOPaint: a repo whose name contains "PowerPaint" is DIFFUSERS_OTHER whatever its pipeline class. */
    private static Optional<ModelType> hubType(String name, String className) {
        if (name.contains("PowerPaint") || OTHER_CLASSES.contains(className)) {
            return Optional.of(ModelType.DIFFUSERS_OTHER);
        }
        return sdType(name, className);
    }

    private static Optional<ModelType> sdType(String name, String className) {
        Optional<ModelType> type = Optional.ofNullable(SD_CLASSES.get(className));
        if (type.isEmpty()) {
            LOG.debug("Skipping {}: pipeline class {} is not one IOPaint serves", name, className);
        }
        return type;
    }

    /**
     * Converted pipelines under {@code folder}: every sub-folder, at any depth (hidden ones excepted, as Python's
     * glob skips them), holding a {@code model_index.json} of a Stable Diffusion class. Named by the folder's
     * name, addressed by its absolute path.
     */
    static List<ModelInfo> scanConverted(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> candidates = new ArrayList<>();
        try {
            Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                            if (dir.equals(folder)) {
                                return FileVisitResult.CONTINUE;
                            }
                            if (dir.getFileName().toString().startsWith(".")) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            if (Files.isRegularFile(dir.resolve(MODEL_INDEX))) {
                                candidates.add(dir);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            LOG.debug("Not scanning {}: {}", file, e.toString());
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            LOG.warn("Cannot scan {} for converted diffusers models: {}", folder, e.getMessage());
        }
        candidates.sort(Comparator.comparing(Path::toString));
        Map<String, ModelInfo> models = new LinkedHashMap<>();
        for (Path dir : candidates) {
            String name = showName(dir.getFileName().toString());
            if (name.isBlank()) {
                continue;
            }
            if (models.containsKey(name)) {
                LOG.debug("Skipping {}: a converted model named {} was found first", dir, name);
                continue;
            }
            className(dir.resolve(MODEL_INDEX)).flatMap(c -> sdType(name, c)).ifPresent(type -> {
                LOG.debug("Found converted diffusers model {} ({}) in {}", name, type.wireName(), dir);
                models.put(name, new ModelInfo(name, dir.toAbsolutePath().toString(), type, false));
            });
        }
        return List.copyOf(models.values());
    }

    /** IOPaint's {@code folder_name_to_show_name}: {@code models--org--name} becomes {@code org/name}. */
    static String showName(String folderName) {
        return folderName.replace("models--", "").replace("--", "/");
    }

    /** The pipeline class a {@code model_index.json} names; empty (with a warning) when it cannot be read. */
    private static Optional<String> className(Path modelIndex) {
        if (!Files.isRegularFile(modelIndex)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(modelIndex));
        } catch (IOException e) {
            LOG.warn("Skipping {}: it is not valid JSON ({}); restore it from the original model or fix it by hand",
                    modelIndex, e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage());
            return Optional.empty();
        }
        JsonNode className = root == null ? null : root.get("_class_name");
        if (className == null || !className.isTextual()) {
            LOG.warn("Skipping {}: it names no pipeline \"_class_name\"", modelIndex);
            return Optional.empty();
        }
        return Optional.of(className.asText());
    }
}
