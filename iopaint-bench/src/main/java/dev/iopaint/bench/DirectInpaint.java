package dev.iopaint.bench;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.image.DecodedImage;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.server.http.InpaintQueue;

import java.util.concurrent.Callable;

/**
 * The server's work on one request without HTTP, JSON or base64: decode the same JPEG and mask files, inpaint
 * while holding an {@link InpaintQueue} ticket (one inpaint at a time, as the server runs the model), encode the
 * answer at the server's quality with the input's format and metadata. Decoding and encoding run outside the
 * model's turn, as in the server.
 */
final class DirectInpaint implements Callable<byte[]> {
    private final Iopaint iopaint;
    private final ImageCodec codec;
    private final InpaintQueue queue;
    private final InpaintRequest request;
    private final int quality;
    private final Workload workload;

    DirectInpaint(Iopaint iopaint, ImageCodec codec, InpaintQueue queue, InpaintRequest request, int quality,
                  Workload workload) {
        this.iopaint = iopaint;
        this.codec = codec;
        this.queue = queue;
        this.request = request;
        this.quality = quality;
        this.workload = workload;
    }

    @Override
    public byte[] call() {
        try (InpaintQueue.Ticket ticket = queue.enter()) {
            DecodedImage image = codec.decode(workload.jpeg());
            Mask mask = codec.decodeMask(workload.maskPng());
            RgbImage result = ticket.run(() -> iopaint.inpaint(image.rgb(), mask, request));
            return codec.encode(result, image.alpha(), image.format(), quality, image.metadata());
        }
    }
}
