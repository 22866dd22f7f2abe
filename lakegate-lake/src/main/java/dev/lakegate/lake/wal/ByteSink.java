package dev.lakegate.lake.wal;

import java.util.Arrays;

/** A growable big-endian byte buffer with varints: what DataOutputStream does, without the copies. */
final class ByteSink {
  private byte[] buf;
  private int size;

  ByteSink(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  void writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  void writeInt(int v) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) buf[size++] = (byte) (v >>> shift);
  }

  void writeLong(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) buf[size++] = (byte) (v >>> shift);
  }

  /** Unsigned LEB128: lengths and counts take one byte when small. */
  void writeVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  /** Zig-zag so small negative numbers stay short too. */
  void writeZigZag(long v) {
    writeVarLong((v << 1) ^ (v >> 63));
  }

  void writeBytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  /** Reserves {@code n} zero bytes (a null bitmap filled in later) and returns their offset. */
  int reserve(int n) {
    ensure(n);
    int at = size;
    Arrays.fill(buf, at, at + n, (byte) 0);
    size += n;
    return at;
  }

  void setBit(int offset, int bit) {
    buf[offset + (bit >>> 3)] |= (byte) (1 << (bit & 7));
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int n) {
    if (size + n > buf.length) {
      long wanted = Math.max((long) buf.length * 2, (long) size + n);
      if (wanted > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("Batch too large for one log record");
      buf = Arrays.copyOf(buf, (int) wanted);
    }
  }
}
