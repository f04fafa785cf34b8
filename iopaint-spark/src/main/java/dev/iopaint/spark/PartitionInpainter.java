package dev.iopaint.spark;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.core.batch.BatchInpainter;
import dev.iopaint.core.json.IopaintJson;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Runs on an executor: inpaints the images of one partition ({@code path}, {@code content} rows of the
 * {@code binaryFile} source) with this JVM's model and writes each result; returns one status row per image.
 */
final class PartitionInpainter implements MapPartitionsFunction<Row, Row> {
    private static final Logger log = LoggerFactory.getLogger(PartitionInpainter.class);

    private final JobSettings settings;
    private final MaskIndex masks;
    private final HadoopConf hadoop;

    PartitionInpainter(JobSettings settings, MaskIndex masks, HadoopConf hadoop) {
        this.settings = settings;
        this.masks = masks;
        this.hadoop = hadoop;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> images) throws IOException {
        Configuration conf = hadoop.read();
        Path outputFolder = new Path(settings.output());
        FileSystem outputFs = outputFolder.getFileSystem(conf);
        ResultWriter writer = new ResultWriter(outputFs, outputFolder, attempt());
        InpaintRequest request = request();
        LastMask maskBytes = new LastMask(conf);
        List<Row> statuses = new ArrayList<>();
        while (images.hasNext()) {
            Row image = images.next();
            statuses.add(inpaint(image.getString(0), image.getAs(1), request, writer, maskBytes));
        }
        return statuses.iterator();
    }

    private Row inpaint(String path, byte[] content, InpaintRequest request, ResultWriter writer, LastMask maskBytes)
            throws IOException {
        long start = System.nanoTime();
        String name = new Path(path).getName();
        String result = BatchInpainter.resultName(name);
        if (!settings.force() && writer.exists(result)) {
            return ImageStatus.of(path, ImageStatus.EXISTS, result + " exists; --force redoes it", millisSince(start));
        }
        String stem = BatchInpainter.stem(name);
        String mask = masks.maskFor(stem).orElse(null);
        if (mask == null) {
            String reason = "no mask named " + stem + ".* in " + masks.location();
            log.warn("Skipping {}: {}", path, reason);
            return ImageStatus.of(path, ImageStatus.NO_MASK, reason, millisSince(start));
        }
        try {
            byte[] maskContent = maskBytes.read(mask);
            BatchInpainter inpainter = ModelHolder.inpainter(settings.modelKey());
            writer.write(result, inpainter.inpaint(content, maskContent, request, false));
            return ImageStatus.of(path, ImageStatus.OK, null, millisSince(start));
        } catch (UnsupportedInputException e) {
            if (settings.failFast()) {
                throw new UnsupportedInputException(path + " failed and --fail-fast is set: " + e.getMessage());
            }
            log.warn("Failed {}: {}", path, e.getMessage());
            return ImageStatus.of(path, ImageStatus.FAILED, e.getMessage(), millisSince(start));
        }
    }

    private InpaintRequest request() {
        if (settings.requestJson() == null) {
            return InpaintRequest.defaults();
        }
        try {
            return IopaintJson.readRequest(IopaintJson.mapper().readTree(settings.requestJson()));
        } catch (IOException e) {
            throw new UnsupportedInputException("--config is not readable JSON: " + e.getMessage());
        }
    }

    /** Keeps the last mask read, so one mask for every image is read once per partition. */
    private static final class LastMask {
        private final Configuration conf;
        private String file;
        private byte[] bytes;

        LastMask(Configuration conf) {
            this.conf = conf;
        }

        byte[] read(String wanted) {
            if (!wanted.equals(file)) {
                Path path = new Path(wanted);
                try (InputStream in = path.getFileSystem(conf).open(path)) {
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    throw new UnsupportedInputException("The mask " + wanted + " cannot be read: " + e.getMessage());
                }
                file = wanted;
            }
            return bytes;
        }
    }

    private static String attempt() {
        TaskContext task = TaskContext.get();
        return task == null ? "driver" : task.stageId() + "-" + task.partitionId() + "-" + task.taskAttemptId();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
