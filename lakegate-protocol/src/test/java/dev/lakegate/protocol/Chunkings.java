package dev.lakegate.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ways to cut one fuzz input into the chunks a network read would deliver, for the incremental
 * parsers whose output must not depend on where the cuts fall: whole, byte by byte, and pieces of
 * pseudo-random sizes derived from the input itself (so a failing input replays identically).
 */
public final class Chunkings {
    /** Feeds one chunk: {@code length} bytes of {@code bytes} from {@code offset}. */
    @FunctionalInterface
    public interface Feed {
        void feed(byte[] bytes, int offset, int length);
    }

    private Chunkings() {}

    /** Chunk sizes of each cut; every list sums to {@code length}. */
    public static List<int[]> of(byte[] data) {
        int n = data.length;
        int[] bytewise = new int[n];
        Arrays.fill(bytewise, 1);
        SplittableRandom random = new SplittableRandom(Arrays.hashCode(data));
        int[] uneven = new int[n];
        int count = 0;
        for (int left = n; left > 0; ) {
            int size = Math.min(left, 1 + random.nextInt(random.nextBoolean() ? 4 : 64));
            uneven[count++] = size;
            left -= size;
        }
        return List.of(n == 0 ? new int[0] : new int[] {n}, bytewise, Arrays.copyOf(uneven, count));
    }

    /** Feeds {@code data} in chunks of the given sizes, each from a fresh array as a socket read would be. */
    public static void feed(byte[] data, int[] sizes, Feed feed) {
        int at = 0;
        for (int size : sizes) {
            feed.feed(Arrays.copyOfRange(data, at, at + size), 0, size);
            at += size;
        }
    }
}
