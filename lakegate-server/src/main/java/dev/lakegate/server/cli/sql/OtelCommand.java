package dev.lakegate.server.cli.sql;

import dev.lakegate.lake.sql.OtelTableDdl;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lakegate otel create-tables CATALOG.SCHEMA}: creates the three OpenTelemetry tables with
 * the product's DDL (SPEC §5) through a running gateway's SQL API, and grants a principal what its
 * exporter needs (USE CATALOG, USE SCHEMA, MODIFY). Safe to run again: existing tables are kept.
 */
@Command(name = "otel", mixinStandardHelpOptions = true, description = "OpenTelemetry tables for the agents' metrics, logs and traces.")
public final class OtelCommand {
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> KINDS = List.of("metrics", "logs", "spans");

    /** Adds {@code otel create-tables} to {@code root}, reading the process environment. */
    public static CommandLine register(CommandLine root, Map<String, String> env) {
        root.addSubcommand(new CommandLine(new OtelCommand()).addSubcommand(new CreateTables(env)));
        return root;
    }

    @Command(name = "create-tables", mixinStandardHelpOptions = true,
            description = {"Create <catalog>.<schema>.<prefix>_otel_metrics, _otel_logs and _otel_spans with the product's DDL,",
                    "and grant the principals that export telemetry USE CATALOG, USE SCHEMA and MODIFY on them."})
    static final class CreateTables implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CATALOG.SCHEMA", description = "Where the tables go (the schema must exist unless --create-schema)")
        String target;

        @Option(names = "--prefix", paramLabel = "PREFIX", description = "Table name prefix (default: agents)")
        String prefix = "agents";

        @Option(names = "--grant", paramLabel = "PRINCIPAL", description = "A user or service principal that will export telemetry (repeatable)")
        List<String> grantees = new ArrayList<>();

        @Option(names = "--create-schema", description = "Create the schema first if it does not exist")
        boolean createSchema;

        @Mixin
        GatewayTarget gateway = new GatewayTarget();

        @Spec
        CommandSpec spec;

        private final Map<String, String> env;

        CreateTables(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                String[] parts = target.split("\\.", -1);
                if (parts.length != 2 || !IDENT.matcher(parts[0]).matches() || !IDENT.matcher(parts[1]).matches()) {
                    throw new SqlFailure("give the schema as CATALOG.SCHEMA (letters, digits, _), not '" + target + "'");
                }
                if (!IDENT.matcher(prefix).matches()) {
                    throw new SqlFailure("--prefix must be letters, digits and _, not '" + prefix + "'");
                }
                String catalog = parts[0], schema = parts[1];
                try (SqlClient client = gateway.connect(env)) {
                    if (createSchema) {
                        run(client, "CREATE SCHEMA IF NOT EXISTS " + catalog + "." + schema);
                    }
                    for (String kind : KINDS) {
                        String ddl = OtelTableDdl.forTable(kind, catalog, schema, prefix).replaceFirst("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ");
                        run(client, ddl);
                        out.println("table " + table(catalog, schema, kind) + " is ready");
                    }
                    for (String grantee : grantees) {
                        String who = "`" + grantee.replace("`", "``") + "`";
                        run(client, "GRANT USE CATALOG ON CATALOG " + catalog + " TO " + who);
                        run(client, "GRANT USE SCHEMA ON SCHEMA " + catalog + "." + schema + " TO " + who);
                        for (String kind : KINDS) {
                            run(client, "GRANT MODIFY ON TABLE " + table(catalog, schema, kind) + " TO " + who);
                        }
                        out.println(grantee + " may now export telemetry into them");
                    }
                }
                out.println("Point an agent's exporter here: lakegate agents configure <agent> --telemetry --telemetry-tables "
                        + catalog + "." + schema + "." + prefix);
                return 0;
            } catch (SqlFailure e) {
                err.println("error: " + e.getMessage());
                return 1;
            } finally {
                out.flush();
                err.flush();
            }
        }

        private String table(String catalog, String schema, String kind) {
            return catalog + "." + schema + "." + prefix + "_otel_" + kind;
        }

        private static void run(SqlClient client, String sql) {
            SqlClient.failure(client.execute(sql)).ifPresent(f -> {
                throw new SqlFailure(f);
            });
        }
    }
}
