package dev.lakegate.lake.wal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Record framing: {@code int bodyLength, int crc32c, body} with {@code body = long seq, int rows,
 * encoded rows}. The CRC covers the length bytes too, so a damaged length cannot pass as a shorter
 * record. A crash mid-write leaves an incomplete frame or one whose CRC fails: recovery stops there.
 */
final class Frames {
  static final int HEADER = 8;
  static final int BODY_PREFIX = 12;

  private Frames() {}

  static int length(byte[] payload) {
    return HEADER + BODY_PREFIX + payload.length;
  }

  /** Appends one frame to a heap buffer that has room for it. */
  static void put(ByteBuffer buf, long seq, int rows, byte[] payload) {
    int start = buf.position();
    int bodyLength = BODY_PREFIX + payload.length;
    buf.putInt(bodyLength).putInt(0).putLong(seq).putInt(rows).put(payload);
    buf.putInt(start + 4, crc(buf.array(), buf.arrayOffset() + start, bodyLength));
  }

  /** The CRC of a frame starting at {@code frameStart} whose body is {@code bodyLength} bytes. */
  static int crc(byte[] frame, int frameStart, int bodyLength) {
    CRC32C crc = new CRC32C();
    crc.update(frame, frameStart, 4);
    crc.update(frame, frameStart + HEADER, bodyLength);
    return (int) crc.getValue();
  }
}
