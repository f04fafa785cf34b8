package dev.iopaint.spark;

import dev.iopaint.api.IopaintException;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.batch.BatchInpainter;
import dev.iopaint.core.image.ImageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The model of this executor JVM: loaded by the first task that needs it, shared by every later task and
 * partition, closed when the JVM (the executor) stops. One model at a time; other settings replace it.
 */
final class ModelHolder {
    private static final Logger log = LoggerFactory.getLogger(ModelHolder.class);
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static JobSettings.ModelKey key;
    private static Iopaint iopaint;
    private static BatchInpainter inpainter;
    private static boolean hookAdded;

    private ModelHolder() {
    }

    /** The batch inpainter for these settings, loading the model on first use in this JVM. */
    static synchronized BatchInpainter inpainter(JobSettings.ModelKey wanted) {
        if (inpainter != null && wanted.equals(key)) {
            return inpainter;
        }
        closeModel();
        iopaint = load(wanted);
        inpainter = new BatchInpainter(iopaint, new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS));
        key = wanted;
        LOADS.incrementAndGet();
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(ModelHolder::close, "iopaint-model-close"));
            hookAdded = true;
        }
        return inpainter;
    }

    /** How many times this JVM loaded a model. */
    static int loads() {
        return LOADS.get();
    }

    static synchronized void close() {
        closeModel();
    }

    private static void closeModel() {
        if (iopaint != null) {
            log.info("Closing model {} on {}", key.model(), host());
            iopaint.close();
        }
        iopaint = null;
        inpainter = null;
        key = null;
    }

    /** Executors never download: the files must be there already, on shared storage or on every node. */
    private static Iopaint load(JobSettings.ModelKey wanted) {
        if (wanted.modelDir() != null && !Files.isDirectory(Path.of(wanted.modelDir()))) {
            throw new IopaintException("The model folder " + wanted.modelDir() + " is missing on executor host "
                    + host() + "; put it on shared storage or copy it to the same path on every node");
        }
        try {
            Iopaint.Builder builder = Iopaint.builder().model(wanted.model()).device(wanted.device()).offline(true);
            if (wanted.modelDir() != null) {
                builder.modelDir(Path.of(wanted.modelDir()));
            }
            Iopaint loaded = builder.build();
            log.info("Loaded model {} on executor host {}", wanted.model(), host());
            return loaded;
        } catch (IopaintException e) {
            throw new IopaintException("Executor host " + host() + " cannot load model " + wanted.model() + ": "
                    + e.getMessage() + " (the model folder must be readable on every executor: shared storage, or"
                    + " the same path on every node; fill it with `iopaint download`)", e);
        }
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "(unknown host: " + e.getMessage() + ")";
        }
    }
}
