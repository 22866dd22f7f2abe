package dev.lakegate.server.lake;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a dropped managed table's folder. The catalog record is gone already, so a failure is
 * logged rather than failing the DROP: the folder is orphaned, never reused (locations carry a
 * UUID), and the log line names it for the operator.
 */
final class ManagedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedFiles.class);
    private final Configuration conf;

    ManagedFiles(Configuration conf) {
        this.conf = conf;
    }

    void delete(String location) {
        Path path = new Path(location);
        try {
            path.getFileSystem(conf).delete(path, true);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Dropped table's folder {} could not be deleted; remove it by hand: {}", location, e.toString());
        }
    }
}
