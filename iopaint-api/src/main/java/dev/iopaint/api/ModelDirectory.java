package dev.iopaint.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * IOPaint's model directory and its layout, so an existing IOPaint cache is used as it is:
 * <pre>
 *   torch/hub/checkpoints/&lt;file&gt;        erase-model files, named by the last part of their URL
 *   huggingface/hub/models--org--name/    the Hugging Face cache
 *   stable_diffusion/, stable_diffusion_xl/   single-file and converted diffusion models
 * </pre>
 */
public record ModelDirectory(Path root) {
    public ModelDirectory {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    /**
     * IOPaint's default: {@code $XDG_CACHE_HOME}, else {@code ~/.cache}.
     *
     * @param environment the process environment, passed in so library code never reads it itself
     * @param userHome    the user's home folder
     */
    public static ModelDirectory defaultFor(Map<String, String> environment, Path userHome) {
        String xdg = environment.get("XDG_CACHE_HOME");
        return new ModelDirectory(xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".cache"));
    }

    public Path torchCheckpoints() {
        return root.resolve("torch").resolve("hub").resolve("checkpoints");
    }

    public Path huggingFaceHub() {
        return root.resolve("huggingface").resolve("hub");
    }

    public Path stableDiffusion() {
        return root.resolve("stable_diffusion");
    }

    public Path stableDiffusionXl() {
        return root.resolve("stable_diffusion_xl");
    }

    /** Where an erase-model file of this name lives: {@code torch/hub/checkpoints/<fileName>}. */
    public Path checkpoint(String fileName) {
        Path path = torchCheckpoints().resolve(fileName).normalize();
        if (fileName.isBlank() || !path.getParent().equals(torchCheckpoints())) {
            throw new UnsupportedInputException("'" + fileName + "' is not a plain file name; a model file must stay in "
                    + torchCheckpoints());
        }
        return path;
    }
}
