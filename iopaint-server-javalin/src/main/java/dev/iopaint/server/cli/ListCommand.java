package dev.iopaint.server.cli;

import dev.iopaint.api.ModelInfo;
import dev.iopaint.core.registry.ModelCatalog;
import dev.iopaint.core.registry.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code iopaint list}: the models that can be used from the model folder, one name a line, as IOPaint prints them. */
@Command(name = "list", description = "List the models found in the model folder.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    IopaintCommand root;
    @Mixin
    ModelDirOption modelDir;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var store = modelDir.store(root.environment());
        var catalog = new ModelCatalog(ModelRegistry.discover(getClass().getClassLoader()), store);
        for (ModelInfo model : catalog.scan()) {
            spec.commandLine().getOut().println(model.name());
        }
        return 0;
    }
}
