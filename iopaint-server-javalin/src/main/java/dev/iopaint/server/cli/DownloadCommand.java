package dev.iopaint.server.cli;

import dev.iopaint.core.download.TerminalProgressBar;
import dev.iopaint.core.registry.ModelCatalog;
import dev.iopaint.core.registry.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iopaint download --model NAME}: fetches a model's files into the model folder, verifying each. */
@Command(name = "download", description = "Download a model's files into the model folder.")
final class DownloadCommand extends ModelFolderCommand {
    @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model to download, e.g. lama.")
    String model;

    @Override
    public Integer call() {
        var store = modelDir.store(environment());
        new ModelCatalog(ModelRegistry.discover(getClass().getClassLoader()), store)
                .download(model, new TerminalProgressBar(System.err));
        out().println("Downloaded " + model + " to " + store.directory().root());
        return 0;
    }
}
