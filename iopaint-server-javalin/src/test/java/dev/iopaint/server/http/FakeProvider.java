package dev.iopaint.server.http;

import dev.iopaint.api.Device;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.ModelStore;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A model for tests: paints masked pixels white, optionally after a delay or after a gate opens, and counts how
 * many forward passes run at once. A "broken" one fails to load.
 */
final class FakeProvider implements ModelProvider {
    final String name;
    private final long delayMillis;
    private final boolean failsToLoad;
    final CountDownLatch gate;
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    /** The settings of the latest forward pass. */
    final AtomicReference<InpaintRequest> lastRequest = new AtomicReference<>();

    private FakeProvider(String name, long delayMillis, boolean failsToLoad, CountDownLatch gate) {
        this.name = name;
        this.delayMillis = delayMillis;
        this.failsToLoad = failsToLoad;
        this.gate = gate;
    }

    static FakeProvider slow(String name, long delayMillis) {
        return new FakeProvider(name, delayMillis, false, null);
    }

    static FakeProvider broken(String name) {
        return new FakeProvider(name, 0, true, null);
    }

    /** Each forward pass waits until {@link #gate} is opened. */
    static FakeProvider gated(String name) {
        return new FakeProvider(name, 0, false, new CountDownLatch(1));
    }

    @Override
    public List<ModelSpec> specs() {
        return List.of(ModelSpec.erase(name, List.of(), PadRules.NONE, Set.of(Device.CPU)));
    }

    @Override
    public InpaintModel load(ModelInfo model, LoadOptions options, ModelStore store) {
        if (failsToLoad) {
            throw new ModelLoadException("The " + name + " test model always fails to load");
        }
        return new InpaintModel() {
            @Override
            public ModelInfo info() {
                return model;
            }

            @Override
            public PadRules padRules() {
                return PadRules.NONE;
            }

            @Override
            public RgbImage forward(RgbImage image, Mask mask, InpaintRequest request) {
                int now = running.incrementAndGet();
                mostAtOnce.accumulateAndGet(now, Math::max);
                calls.incrementAndGet();
                lastRequest.set(request);
                try {
                    if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("The test never opened the gate");
                    }
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                }
                byte[] pixels = image.pixels().clone();
                for (int i = 0; i < mask.values().length; i++) {
                    if (mask.values()[i] != 0) {
                        pixels[3 * i] = pixels[3 * i + 1] = pixels[3 * i + 2] = (byte) 255;
                    }
                }
                return new RgbImage(image.width(), image.height(), pixels);
            }

            @Override
            public void close() {
            }
        };
    }
}
