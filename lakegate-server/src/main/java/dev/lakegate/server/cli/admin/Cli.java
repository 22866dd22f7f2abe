package dev.lakegate.server.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Runs one admin subcommand: output to the command line's writers, failures as one line and exit code 1. */
final class Cli {
    static final int FAILED = 1;

    @FunctionalInterface
    interface Body {
        void run(AdminClient client, PrintWriter out, PrintWriter err);
    }

    private Cli() {}

    static int run(CommandSpec spec, ClientOptions options, Body body) {
        CommandLine cli = spec.commandLine();
        PrintWriter out = cli.getOut();
        PrintWriter err = cli.getErr();
        try (AdminClient client = options.connect()) {
            body.run(client, out, err);
            return 0;
        } catch (CliFailure e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    static void printJson(PrintWriter out, JsonNode json) {
        try {
            out.println(AdminClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For a parent command run without a subcommand. */
    static CommandLine.ParameterException missingSubcommand(CommandSpec spec) {
        return new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: choose one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
