package dev.iopaint.models.erase.torch;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import dev.iopaint.api.Device;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.ZipFile;

/**
 * One TorchScript file ({@code torch.jit.save}) loaded on DJL's PyTorch engine, as IOPaint's
 * {@code torch.jit.load(path, map_location=device)}. Each call gets its own native memory scope, freed when the call
 * returns, so nothing grows from request to request. Calls may run concurrently.
 */
public final class TorchScript implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TorchScript.class);
    private static final AtomicInteger WORKER_IDS = new AtomicInteger();
    private final ZooModel<NDList, NDList> model;
    private final String description;
    /** Runs {@link #callEach}'s passes; its threads are made when first needed and end with {@link #close}. */
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "iopaint-torch-" + WORKER_IDS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private TorchScript(ZooModel<NDList, NDList> model, String description) {
        this.model = model;
        this.description = description;
    }

    /**
     * Loads the file on the device.
     *
     * @param description what the file should be, for messages, e.g. "LaMa's big-lama.pt (image, mask) -> image"
     * @throws ModelLoadException when the file is missing, is not a TorchScript archive, or libtorch refuses it
     */
    public static TorchScript load(Path file, Device device, String description) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file + " is missing; it should hold " + description);
        }
        requireTorchScriptArchive(file, description);
        if (device == Device.CPU) {
            HugePages.adviseOnce(log);
        }
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("PyTorch")
                .optDevice(djlDevice(device))
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return new TorchScript(criteria.loadModel(), description);
        } catch (IOException | MalformedModelException | ModelNotFoundException | RuntimeException e) {
            throw new ModelLoadException(file + " could not be loaded as " + description + ": " + e.getMessage()
                    + "; if it is damaged, delete it and download it again", e);
        }
    }

    /**
     * Runs {@code work} in a fresh native memory scope: {@code work} builds its inputs with the given manager,
     * calls {@link Call#forward} and copies what it needs out of the outputs before returning.
     */
    public <T> T call(Function<Call, T> work) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            return work.apply(new Call(scope));
        }
    }

    /**
     * Runs {@code work} once per item, each as {@link #call} does, and returns the results in the items' order.
     * On the CPU, with more than one item, the passes run side by side and share out the caller's intra-op
     * threads: with 2 threads, 2 passes run at once with 1 thread each. The machine is used no more than by one
     * pass at a time, but no pass waits at every operator for threads that another process has descheduled, and
     * the small feature maps deep in a network, which split poorly across threads, each keep a core busy. Peak
     * native memory grows with the number of passes running at once. On a GPU, and with 1 thread, one after the
     * other in the caller's thread.
     *
     * @throws InferenceFailedException what {@code work} throws, or when the caller is interrupted
     */
    public <I, T> List<T> callEach(List<I> items, BiFunction<Call, I, T> work) {
        int budget = JniUtils.getNumThreads();
        int side = Math.min(items.size(), budget);
        if (side <= 1 || !ai.djl.Device.cpu().equals(model.getNDManager().getDevice())) {
            List<T> results = new ArrayList<>(items.size());
            for (I item : items) {
                results.add(call(call -> work.apply(call, item)));
            }
            return results;
        }
        AtomicReferenceArray<T> results = new AtomicReferenceArray<>(items.size());
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> passes = new ArrayList<>(side);
        for (int lane = 0; lane < side; lane++) {
            // Spread the remainder: 3 threads over 2 lanes gives 2 and 1.
            int threads = budget / side + (lane < budget % side ? 1 : 0);
            passes.add(workers.submit(() -> withThreads(threads, budget, () -> {
                try {
                    for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                        I item = items.get(i);
                        results.set(i, call(call -> work.apply(call, item)));
                    }
                } catch (RuntimeException | Error e) {
                    next.set(items.size()); // the other lanes stop after their current pass
                    throw e;
                }
                return null;
            })));
        }
        // Every lane must be done before this returns or throws: the caller may close the model right after.
        Throwable failure = null;
        boolean interrupted = false;
        for (Future<?> pass : passes) {
            while (true) {
                try {
                    pass.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    next.set(items.size()); // the lanes stop after their current pass; wait for those
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException cause) {
            throw cause;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null || interrupted) {
            throw new InferenceFailedException(description + (failure != null ? " failed: " + failure
                    : " was interrupted while running"), failure);
        }
        List<T> ordered = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            ordered.add(results.get(i));
        }
        return ordered;
    }

    /**
     * libtorch's intra-op thread count belongs to the calling thread, but setting it also sets the count that
     * threads later start with, when they first use libtorch; putting {@code restore} back keeps that as it was.
     */
    private static <T> T withThreads(int threads, int restore, Supplier<T> work) {
        // A thread's first use takes the process-wide count and would overwrite ours: let it happen now.
        JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        try {
            return work.get();
        } finally {
            JniUtils.setNumThreads(restore);
        }
    }

    /** The memory scope of one call, and the forward pass within it. */
    public final class Call {
        private final NDManager manager;

        private Call(NDManager manager) {
            this.manager = manager;
        }

        public NDManager manager() {
            return manager;
        }

        /**
         * The module's {@code forward(*inputs)}, without gradients.
         *
         * @throws InferenceFailedException when libtorch refuses the inputs (wrong count, shape or type)
         */
        public NDList forward(NDList inputs) {
            try {
                NDList outputs = model.getBlock().forward(new ParameterStore(manager, false), inputs, false);
                outputs.attach(manager);
                return outputs;
            } catch (RuntimeException e) {
                throw new InferenceFailedException(description + " failed on inputs "
                        + Arrays.toString(inputs.getShapes()) + ": " + firstLine(e.getMessage()), e);
            }
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        model.close();
    }

    /**
     * CUDA when asked and libtorch sees a GPU; the CPU otherwise, with a warning, since DJL's PyTorch engine offers
     * no MPS and a machine without a GPU should still serve.
     */
    public static ai.djl.Device djlDevice(Device device) {
        if (device == Device.CPU) {
            return ai.djl.Device.cpu();
        }
        if (device == Device.CUDA && Engine.getEngine("PyTorch").getGpuCount() > 0) {
            return ai.djl.Device.gpu();
        }
        log.warn("{} was asked for, but libtorch has no such device here; running on the CPU", device.wireName());
        return ai.djl.Device.cpu();
    }

    /** TorchScript archives are zip files with a {@code data.pkl}; anything else would fail deep in libtorch. */
    private static void requireTorchScriptArchive(Path file, String description) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            boolean hasData = zip.stream().anyMatch(entry -> entry.getName().endsWith("/data.pkl"));
            if (!hasData) {
                throw new ModelLoadException(file + " is a zip file but not a TorchScript archive (no data.pkl); "
                        + "expected " + description);
            }
        } catch (IOException e) {
            throw new ModelLoadException(file + " is not a TorchScript archive (" + e.getMessage() + "); expected "
                    + description + ", saved with torch.jit.save; delete it and download it again");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
