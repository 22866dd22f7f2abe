package dev.lakegate.server.cli.agents;

import java.util.List;
import java.util.Map;

/**
 * What configuring one agent takes: the files to write, the environment a run needs beside them,
 * and what to tell the user.
 *
 * @param files the configuration files, merged with what was there
 * @param runEnvironment variables the agent needs at run time that no file can carry (e.g. Codex's
 *     token variable); {@code lakegate agents run} sets them, {@code configure} prints them
 * @param notes lines to print after the files: the next steps
 */
public record Setup(Agent agent, List<FileChange> files, Map<String, String> runEnvironment, List<String> notes) {
    public Setup {
        files = List.copyOf(files);
        runEnvironment = Map.copyOf(runEnvironment);
        notes = List.copyOf(notes);
    }
}
