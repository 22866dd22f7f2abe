package dev.lakegate.server.cli.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lakegate sql}: runs statements on a running gateway through its SQL API and prints each
 * answer as a table (or the API's JSON). Statements run in order; the first failure stops the run
 * with exit status 1.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run SQL on a running gateway: DDL, SHOW/DESCRIBE, GRANT/REVOKE, INSERT and SELECT over catalog.schema.table.",
                "Give one statement, or --file with ';'-separated statements, or pipe them on standard input."})
public final class SqlCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "STATEMENT", description = "SQL to run ('-': read standard input)")
    String statement;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run the ';'-separated statements of FILE")
    Path file;

    @Mixin
    GatewayTarget gateway = new GatewayTarget();

    /** How results are printed. */
    enum Format { table, json, csv }

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (aligned, default), json (the SQL API's answers) or csv")
    Format format = Format.table;

    @Option(names = "--json", description = "Same as --format json")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final InputStream stdin;

    SqlCommand(Map<String, String> env, InputStream stdin) {
        this.env = env;
        this.stdin = stdin;
    }

    /** Adds {@code sql} to {@code root}, reading the process environment and standard input. */
    public static CommandLine register(CommandLine root) {
        return register(root, System.getenv(), System.in);
    }

    public static CommandLine register(CommandLine root, Map<String, String> env, InputStream stdin) {
        root.addSubcommand(new SqlCommand(env, stdin));
        return root;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<Script.Piece> pieces = Script.split(source());
            if (pieces.isEmpty()) {
                throw new SqlFailure("no statement to run: give one, or --file, or pipe SQL on standard input");
            }
            Format chosen = json ? Format.json : format;
            try (SqlClient client = gateway.connect(env)) {
                for (Script.Piece piece : pieces) {
                    JsonNode answer = client.execute(piece.sql());
                    if (chosen == Format.json) {
                        out.println(SqlClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
                    }
                    Optional<String> failure = SqlClient.failure(answer);
                    if (failure.isPresent()) {
                        String where = pieces.size() > 1 ? "statement starting on line " + piece.line() + ": " : "";
                        throw new SqlFailure(where + failure.get());
                    }
                    switch (chosen) {
                        case table -> ResultPrinter.print(out, answer);
                        case csv -> ResultPrinter.printCsv(out, answer);
                        case json -> { } // printed above, before any failure
                    }
                }
            }
            return 0;
        } catch (SqlFailure e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private String source() {
        if (file != null && statement != null) {
            throw new SqlFailure("give a statement or --file, not both");
        }
        try {
            if (file != null) {
                return Files.readString(file);
            }
            return statement == null || statement.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8) : statement;
        } catch (IOException e) {
            throw new SqlFailure("cannot read " + (file != null ? file : "standard input") + ": " + e.getMessage());
        }
    }
}
