package dev.lakegate.server.cli.agents;

import java.nio.file.Path;

/**
 * One configuration file as it is and as it will be.
 *
 * @param before the current content, or null when the file does not exist
 * @param after the content to write
 */
public record FileChange(Path path, String before, String after) {
    public FileChange {
        if (after == null) {
            throw new IllegalArgumentException("a file change needs the new content");
        }
    }

    public boolean changed() {
        return !after.equals(before);
    }

    public boolean creates() {
        return before == null;
    }
}
