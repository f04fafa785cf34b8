package dev.iopaint.plugins.interactiveseg;

import dev.iopaint.api.Mask;
import dev.iopaint.api.PluginRequest;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.Plugin;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * InteractiveSeg with one SAM encoder/decoder pair: the image's embedding (cached per image), then the clicks
 * through the decoder. IOPaint's {@code InteractiveSeg.forward} with {@code multimask_output=False}.
 */
final class SamPlugin implements Plugin {
    /** How many images keep their embedding (4 MB each). */
    static final int CACHED_IMAGES = 4;

    private final String model;
    private final SamEncoder encoder;
    private final SamDecoder decoder;
    private final EmbeddingCache embeddings = new EmbeddingCache(CACHED_IMAGES);
    private final AtomicBoolean closed = new AtomicBoolean();

    SamPlugin(String model, SamEncoder encoder, SamDecoder decoder) {
        this.model = model;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    @Override
    public String model() {
        return model;
    }

    /**
     * The object the clicks select, 255/0. Without clicks there is nothing to select and the mask is empty (IOPaint
     * fails on an empty click list; its web client never sends one).
     */
    @Override
    public Mask genMask(RgbImage image, PluginRequest request) {
        if (closed.get()) {
            throw new IllegalStateException("InteractiveSeg's " + model + " has been closed");
        }
        if (request.clicks().isEmpty()) {
            return Mask.empty(image.width(), image.height());
        }
        SamFrame frame = SamFrame.of(image.width(), image.height());
        Embedding embedding = embeddings.get(ImageKey.of(image), () -> encoder.embed(image));
        return decoder.decode(embedding, frame, request.clicks());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                encoder.close();
            } finally {
                decoder.close();
            }
        }
    }
}
