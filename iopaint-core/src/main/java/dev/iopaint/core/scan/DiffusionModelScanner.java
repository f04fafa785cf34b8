package dev.iopaint.core.scan;

import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the diffusion models in an IOPaint model directory, as IOPaint's {@code download.py} does:
 * <ol>
 *   <li>single-file checkpoints in {@code stable_diffusion/} and {@code stable_diffusion_xl/} (name = file name,
 *       path = absolute file path, {@code isSingleFileDiffusers}), classified by file name or by the UNet's input
 *       convolution and remembered in each folder's {@code iopaint_cache.json};</li>
 *   <li>pipelines in the Hugging Face cache (name = path = {@code org/name});</li>
 *   <li>converted diffusers folders under {@code stable_diffusion*} (name = folder name, path = absolute folder).</li>
 * </ol>
 * One unreadable file or folder is logged and skipped; it never fails the scan.
 */
public final class DiffusionModelScanner {
    private static final Logger LOG = LoggerFactory.getLogger(DiffusionModelScanner.class);

    private final ModelDirectory dir;

    public DiffusionModelScanner(ModelDirectory dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /**
     * Scans the directory. Safe to call repeatedly and concurrently: only files the caches do not know are opened.
     *
     * @return the models sorted by name; when two sources yield one name, the first in the order above wins
     */
    public List<ModelInfo> scan() {
        List<ModelInfo> found = new ArrayList<>();
        found.addAll(SingleFileModels.scan(dir.stableDiffusion(), false));
        found.addAll(SingleFileModels.scan(dir.stableDiffusionXl(), true));
        found.addAll(DiffusersFolders.scanHub(dir.huggingFaceHub()));
        found.addAll(DiffusersFolders.scanConverted(dir.stableDiffusion()));
        found.addAll(DiffusersFolders.scanConverted(dir.stableDiffusionXl()));
        Map<String, ModelInfo> byName = new TreeMap<>();
        for (ModelInfo model : found) {
            ModelInfo first = byName.putIfAbsent(model.name(), model);
            if (first != null) {
                LOG.debug("Ignoring {} at {}: the name is taken by {}", model.name(), model.path(), first.path());
            }
        }
        LOG.debug("Found {} diffusion models in {}", byName.size(), dir.root());
        return List.copyOf(byName.values());
    }

    /** The entries of {@code folder} sorted by name; empty when it does not exist or cannot be listed. */
    static List<Path> children(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", folder, e.getMessage());
            return List.of();
        }
    }
}
