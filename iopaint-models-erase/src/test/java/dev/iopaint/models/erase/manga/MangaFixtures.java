package dev.iopaint.models.erase.manga;

import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.core.download.DefaultModelStore;
import dev.iopaint.core.download.DownloadSettings;
import dev.iopaint.models.erase.torch.TorchScriptFixtures;

import java.io.IOException;
import java.nio.file.Path;

/** Stand-ins for erika.jit and manga_inpaintor.jit, written where IOPaint keeps the real ones. */
final class MangaFixtures {
    static final String LINE_PARAMETERS = "gray: Tensor";
    static final String INPAINTOR_PARAMETERS =
            "gray: Tensor, lines: Tensor, mask: Tensor, noise: Tensor, ones: Tensor";

    private MangaFixtures() {
    }

    static ModelStore store(Path modelDir) {
        return new DefaultModelStore(new ModelDirectory(modelDir), DownloadSettings.defaults().withOffline(true));
    }

    static Path writeLineModel(ModelStore store, String body) throws IOException {
        return TorchScriptFixtures.write(store.pathOf(MangaProvider.LINE_MODEL), LINE_PARAMETERS, body);
    }

    static Path writeInpaintor(ModelStore store, String body) throws IOException {
        return TorchScriptFixtures.write(store.pathOf(MangaProvider.INPAINTOR), INPAINTOR_PARAMETERS, body);
    }
}
