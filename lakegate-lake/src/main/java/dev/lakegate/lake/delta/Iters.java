package dev.lakegate.lake.delta;

import io.delta.kernel.utils.CloseableIterator;
import java.util.Iterator;
import java.util.List;

/** Kernel's iterator helpers live in {@code internal}; this keeps public code off them. */
final class Iters {
  private Iters() {}

  static <T> CloseableIterator<T> of(Iterator<T> it) {
    return new CloseableIterator<>() {
      @Override public boolean hasNext() { return it.hasNext(); }
      @Override public T next() { return it.next(); }
      @Override public void close() {}
    };
  }

  static <T> CloseableIterator<T> of(List<T> list) {
    return of(list.iterator());
  }
}
