package dev.iopaint.server.cli;

import dev.iopaint.api.ModelInfo;
import dev.iopaint.core.registry.ModelCatalog;
import dev.iopaint.core.registry.ModelRegistry;
import picocli.CommandLine.Command;

/** {@code iopaint list}: the models that can be used from the model folder, one name a line, as IOPaint prints them. */
@Command(name = "list", description = "List the models found in the model folder.")
final class ListCommand extends ModelFolderCommand {
    @Override
    public Integer call() {
        var store = modelDir.store(environment());
        var catalog = new ModelCatalog(ModelRegistry.discover(getClass().getClassLoader()), store);
        for (ModelInfo model : catalog.scan()) {
            out().println(model.name());
        }
        return 0;
    }
}
