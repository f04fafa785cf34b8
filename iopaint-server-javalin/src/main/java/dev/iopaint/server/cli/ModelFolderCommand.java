package dev.iopaint.server.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** What every subcommand shares: the model folder option, the environment and the command's output. */
abstract class ModelFolderCommand implements Callable<Integer> {
    @ParentCommand
    IopaintCommand root;
    @Mixin
    ModelDirOption modelDir;
    @Spec
    CommandSpec spec;

    Map<String, String> environment() {
        return root.environment();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
