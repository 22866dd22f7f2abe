package dev.lakegate.lake.wal;

/**
 * Reads what {@link ByteSink} wrote. Only ever sees bytes that passed their CRC, so running past
 * the end means a codec bug or a schema mismatch: reported as {@link WalException}, never guessed.
 */
final class ByteSource {
  private final byte[] buf;
  private final int end;
  private int pos;

  ByteSource(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  int readByte() {
    need(1);
    return buf[pos++];
  }

  int readInt() {
    need(4);
    int v = 0;
    for (int i = 0; i < 4; i++) v = (v << 8) | (buf[pos++] & 0xFF);
    return v;
  }

  long readLong() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (buf[pos++] & 0xFF);
    return v;
  }

  long readVarLong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    throw new WalException("Malformed varint in a log record");
  }

  long readZigZag() {
    long v = readVarLong();
    return (v >>> 1) ^ -(v & 1);
  }

  /** A byte length: no more than what is left. */
  int readLength() {
    long n = readVarLong();
    if (n < 0 || n > end - pos) throw new WalException("Malformed length " + n + " in a log record");
    return (int) n;
  }

  /** An element count: every element takes at least one bit (of a null bitmap), so it is bounded. */
  int readCount() {
    long n = readVarLong();
    if (n < 0 || n > 8L * (end - pos)) throw new WalException("Malformed count " + n + " in a log record");
    return (int) n;
  }

  byte[] readBytes(int n) {
    need(n);
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  /** Skips {@code n} bytes and returns where they start in {@link #array()}. */
  int skip(int n) {
    need(n);
    int at = pos;
    pos += n;
    return at;
  }

  /** Skips a bitmap of {@code bits} bits and returns its offset for {@link #bit}. */
  int skipBitmap(int bits) {
    return skip((bits + 7) >>> 3);
  }

  /** The bytes read, for consumers that copy a slice themselves. */
  byte[] array() {
    return buf;
  }

  boolean bit(int offset, int bit) {
    return (buf[offset + (bit >>> 3)] & (1 << (bit & 7))) != 0;
  }

  boolean exhausted() {
    return pos == end;
  }

  private void need(int n) {
    if (n < 0 || end - pos < n) throw new WalException("Log record ends early: codec and schema disagree");
  }
}
