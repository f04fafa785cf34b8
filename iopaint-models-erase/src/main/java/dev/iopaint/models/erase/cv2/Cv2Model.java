package dev.iopaint.models.erase.cv2;

import dev.iopaint.api.Cv2Flag;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.core.image.Mats;
import dev.iopaint.core.image.Scratch;
import org.opencv.core.CvType;
import org.opencv.photo.Photo;

/**
 * {@code cv2.inpaint(image, mask, cv2_radius, cv2_flag)}. IOPaint feeds it BGR; both algorithms treat the colour
 * channels independently (their weights come from the mask geometry only), so running on RGB gives the same
 * pixels without two colour conversions.
 */
final class Cv2Model implements InpaintModel {
    private final ModelInfo info;

    Cv2Model(ModelInfo info) {
        this.info = info;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public PadRules padRules() {
        return PadRules.NONE;
    }

    @Override
    public RgbImage forward(RgbImage image, Mask mask, InpaintRequest request) {
        // Pooled buffers: fresh image-sized Mats on every call would cost more page faults than the copies.
        try (Scratch source = Scratch.of(image);
             Scratch holes = Scratch.of(mask);
             Scratch result = Scratch.of(image.height(), image.width(), CvType.CV_8UC3)) {
            int flag = request.cv2Flag() == Cv2Flag.INPAINT_TELEA ? Photo.INPAINT_TELEA : Photo.INPAINT_NS;
            Photo.inpaint(source.mat(), holes.mat(), result.mat(), request.cv2Radius(), flag);
            return Mats.toImage(result.mat());
        }
    }

    @Override
    public void close() {
        // Nothing native is held between calls.
    }
}
