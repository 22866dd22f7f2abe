package dev.lakegate.lake.wal;

/**
 * The log cannot take or give back rows: an I/O error while writing (after which the log refuses
 * appends until reopened, since a failed fsync leaves the file's state unknown), a damaged segment,
 * a log written for another schema, or a directory another process holds. Callers answer 503; the
 * message names the file and the fix.
 */
public class WalException extends RuntimeException {
  public WalException(String message) {
    super(message);
  }

  public WalException(String message, Throwable cause) {
    super(message, cause);
  }
}
