package dev.iopaint.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.api.Device;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.batch.BatchInpainter;
import dev.iopaint.core.batch.BatchJob;
import dev.iopaint.core.batch.BatchListener;
import dev.iopaint.core.batch.BatchSummary;
import dev.iopaint.core.download.TerminalProgressBar;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.json.IopaintJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** {@code iopaint run}: IOPaint's batch processing of a file or a folder of images. */
@Command(name = "run", description = "Inpaint an image or a folder of images with their masks.")
final class RunCommand extends ModelFolderCommand {
    @Option(names = "--model", defaultValue = "lama", description = "Model to use (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda or mps (default: ${DEFAULT-VALUE}).")
    String device;
    @Option(names = "--image", required = true, paramLabel = "PATH", description = "An image, or a folder of images.")
    Path image;
    @Option(names = "--mask", required = true, paramLabel = "PATH",
            description = "A mask for every image, or a folder of masks named like the images.")
    Path mask;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for the results.")
    Path output;
    @picocli.CommandLine.Mixin
    OpenAiOptions openAi;
    @Option(names = "--config", paramLabel = "FILE.json", description = "Inpaint settings as IOPaint's JSON request.")
    Path config;
    @Option(names = "--concat", description = "Write image, mask and result side by side.")
    boolean concat;
    @Option(names = "--max-pixels", defaultValue = "" + ImageCodec.DEFAULT_MAX_PIXELS, paramLabel = "N",
            description = "Refuse images larger than this many pixels (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Override
    public Integer call() {
        InpaintRequest request = readConfig();
        PrintWriter out = out();
        try (Iopaint iopaint = Iopaint.builder()
                .modelDir(modelDir.resolve(environment()).root())
                .environment(openAi.over(environment()))
                .model(model)
                .device(Device.fromWireName(device.toLowerCase(Locale.ROOT)))
                .downloadListener(new TerminalProgressBar(System.err))
                .build()) {
            BatchJob job = new BatchJob(image, mask, output, request, concat);
            BatchSummary summary = new BatchInpainter(iopaint, new ImageCodec(maxPixels)).run(job, new Progress(out));
            out.printf(Locale.ROOT, "Inpainted %d of %d images with %s in %.1f s (%d skipped without a mask, %d failed); results in %s%n",
                    summary.inpainted(), summary.total(), model, summary.elapsed().toMillis() / 1000.0,
                    summary.skipped(), summary.failed(), output.toAbsolutePath());
            return summary.failed() == 0 ? 0 : 1;
        }
    }

    private InpaintRequest readConfig() {
        if (config == null) {
            return InpaintRequest.defaults();
        }
        try {
            JsonNode json = IopaintJson.mapper().readTree(Files.readString(config));
            return IopaintJson.readRequest(json);
        } catch (IOException e) {
            throw new UnsupportedInputException("--config " + config + " is not readable JSON: " + e.getMessage());
        }
    }

    /** One line per image with a count and a bar, as IOPaint's progress display shows. */
    private static final class Progress implements BatchListener {
        private static final int BAR_WIDTH = 20;
        private final PrintWriter out;
        private int total;
        private int done;

        Progress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void started(int images) {
            total = images;
        }

        @Override
        public void inpainted(Path image, Path result) {
            line(image, "-> " + result.getFileName());
        }

        @Override
        public void skipped(Path image, String reason) {
            line(image, "skipped: " + reason);
        }

        @Override
        public void failed(Path image, String reason) {
            line(image, "failed: " + reason);
        }

        private void line(Path image, String what) {
            done++;
            int filled = total == 0 ? BAR_WIDTH : done * BAR_WIDTH / total;
            out.printf("[%s%s] %d/%d %s %s%n", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), done, total,
                    image.getFileName(), what);
        }
    }
}
