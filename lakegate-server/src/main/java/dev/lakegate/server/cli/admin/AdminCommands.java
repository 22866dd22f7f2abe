package dev.lakegate.server.cli.admin;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The admin subcommands of {@code lakegate}: {@code users}, {@code service-principals},
 * {@code groups}, {@code tokens}, {@code permissions}, {@code budgets} and {@code endpoints}. They talk to a running gateway over HTTP ({@code --url}, {@code --token}).
 */
public final class AdminCommands {
    private AdminCommands() {}

    /** Command objects (or command lines, for nested groups) reading the process environment; add each with {@code CommandLine.addSubcommand}. */
    public static List<Object> commands() {
        return commands(System.getenv());
    }

    /** The same with an explicit environment ({@code LAKEGATE_URL}, {@code LAKEGATE_TOKEN}, {@code LAKEGATE_ADMIN_TOKEN}). */
    public static List<Object> commands(Map<String, String> env) {
        return List.of(new UsersCommand(env), new ServicePrincipalsCommand(env), new GroupsCommand(env), new TokensCommand(env),
                new PermissionsCommand(env), new BudgetsCommand(env), EndpointsCommand.commandLine(env));
    }

    /** Adds every admin subcommand to {@code root}. */
    public static CommandLine register(CommandLine root) {
        return register(root, System.getenv());
    }

    public static CommandLine register(CommandLine root, Map<String, String> env) {
        commands(env).forEach(root::addSubcommand);
        return root;
    }
}
