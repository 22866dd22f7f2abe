package dev.lakegate.lake.delta;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one column of {@link RowBuffer}s into parquet-mr's column writers with the repetition and
 * definition levels computed here, once per schema node, instead of through parquet-mr's
 * record-at-a-time {@code RecordConsumer} (and Kernel's per-row writer objects on top of it), which
 * cost more than the encoding itself. A null struct, array or map writes one null per leaf below
 * it at the level where it stopped; an empty array or map writes them one level deeper.
 *
 * <p>Levels (Dremel): {@code present} is the definition level of a non-null entry, {@code absent}
 * that of a null one (its parent's); the repeated group of an array or map adds one to both for
 * its elements and one to the repetition level. The levels of every leaf are checked against
 * parquet-mr's own computation from the schema when the tree is built.
 */
abstract class LevelWriter {
  final int present;
  final int absent;
  int pos; // the next entry of the bound buffer

  private LevelWriter(int present, int absent) {
    this.present = present;
    this.absent = absent;
  }

  /** The writers of a table's top-level columns, laid out as {@link ParquetSchemas#of} does. */
  static LevelWriter[] forSchema(StructType schema, MessageType parquet) {
    LevelWriter[] out = new LevelWriter[schema.length()];
    for (int c = 0; c < out.length; c++) {
      var f = schema.at(c);
      out[c] = build(f.getDataType(), f.isNullable(), 0, 0, List.of(f.getName()), parquet);
    }
    return out;
  }

  private static LevelWriter build(DataType type, boolean nullable, int parentDef, int rep, List<String> path,
      MessageType parquet) {
    int present = parentDef + (nullable ? 1 : 0);
    return switch (type) {
      case StructType st -> {
        LevelWriter[] fields = new LevelWriter[st.length()];
        for (int i = 0; i < fields.length; i++) {
          var f = st.at(i);
          fields[i] = build(f.getDataType(), f.isNullable(), present, rep, append(path, f.getName()), parquet);
        }
        yield new Struct(present, parentDef, fields);
      }
      case ArrayType at -> new Repeated(present, parentDef, rep + 1,
          build(at.getElementType(), at.containsNull(), present + 1, rep + 1, append(path, "list", "element"), parquet),
          null);
      case MapType mt -> new Repeated(present, parentDef, rep + 1,
          build(mt.getKeyType(), false, present + 1, rep + 1, append(path, "key_value", "key"), parquet),
          build(mt.getValueType(), mt.isValueContainsNull(), present + 1, rep + 1, append(path, "key_value", "value"),
              parquet));
      default -> {
        ColumnDescriptor d = parquet.getColumnDescription(path.toArray(String[]::new));
        if (d.getMaxDefinitionLevel() != present || d.getMaxRepetitionLevel() != rep) {
          throw new IllegalStateException("Levels of " + path + ": computed " + present + "/" + rep
              + ", Parquet says " + d.getMaxDefinitionLevel() + "/" + d.getMaxRepetitionLevel());
        }
        yield new Leaf(present, parentDef, d);
      }
    };
  }

  private static List<String> append(List<String> path, String... names) {
    List<String> out = new ArrayList<>(path);
    out.addAll(List.of(names));
    return out;
  }

  /** Reads the next entries from {@code buffer}, from its first. */
  abstract void bind(ColumnBuffer buffer);

  /** Writes the next entry at repetition level {@code r}. */
  abstract void write(int r);

  /** Writes a null at levels {@code r}, {@code d} to every leaf below. */
  abstract void writeNulls(int r, int d);

  /** Takes the leaves' column writers from a new row group's store. */
  abstract void attach(ColumnWriteStore store);

  private static final class Leaf extends LevelWriter {
    private final ColumnDescriptor descriptor;
    private ColumnWriter writer;
    private PrimitiveBuffers.Primitive buffer;

    Leaf(int present, int absent, ColumnDescriptor descriptor) {
      super(present, absent);
      this.descriptor = descriptor;
    }

    @Override
    void bind(ColumnBuffer b) {
      buffer = (PrimitiveBuffers.Primitive) b;
      pos = 0;
    }

    @Override
    void write(int r) {
      int i = pos++;
      if (buffer.isNull(i)) {
        writer.writeNull(r, absent);
      } else {
        buffer.write(writer, i, r, present);
      }
    }

    @Override
    void writeNulls(int r, int d) {
      writer.writeNull(r, d);
    }

    @Override
    void attach(ColumnWriteStore store) {
      writer = store.getColumnWriter(descriptor);
    }
  }

  private static final class Struct extends LevelWriter {
    private final LevelWriter[] fields;
    private ColumnBuffer buffer;

    Struct(int present, int absent, LevelWriter[] fields) {
      super(present, absent);
      this.fields = fields;
    }

    @Override
    void bind(ColumnBuffer b) {
      buffer = b;
      pos = 0;
      NestedBuffers.Struct s = (NestedBuffers.Struct) b;
      for (int i = 0; i < fields.length; i++) fields[i].bind(s.fields[i]);
    }

    @Override
    void write(int r) {
      if (buffer.isNull(pos++)) {
        writeNulls(r, absent);
      } else {
        for (LevelWriter f : fields) f.write(r);
      }
    }

    @Override
    void writeNulls(int r, int d) {
      for (LevelWriter f : fields) f.writeNulls(r, d);
    }

    @Override
    void attach(ColumnWriteStore store) {
      for (LevelWriter f : fields) f.attach(store);
    }
  }

  /** An ARRAY ({@code second} null) or a MAP (keys {@code first}, values {@code second}). */
  private static final class Repeated extends LevelWriter {
    private final int repeated; // the repetition level of the second and later entries
    private final LevelWriter first;
    private final LevelWriter second;
    private ColumnBuffer buffer;
    private int[] counts;

    Repeated(int present, int absent, int repeated, LevelWriter first, LevelWriter second) {
      super(present, absent);
      this.repeated = repeated;
      this.first = first;
      this.second = second;
    }

    @Override
    void bind(ColumnBuffer b) {
      buffer = b;
      pos = 0;
      if (b instanceof NestedBuffers.Map m) {
        counts = m.counts;
        first.bind(m.keys);
        second.bind(m.values);
      } else {
        NestedBuffers.Array a = (NestedBuffers.Array) b;
        counts = a.counts;
        first.bind(a.elements);
      }
    }

    @Override
    void write(int r) {
      int i = pos++;
      if (buffer.isNull(i)) {
        writeNulls(r, absent);
        return;
      }
      int n = counts[i];
      if (n == 0) {
        writeNulls(r, present);
        return;
      }
      for (int k = 0; k < n; k++) {
        int level = k == 0 ? r : repeated;
        first.write(level);
        if (second != null) second.write(level);
      }
    }

    @Override
    void writeNulls(int r, int d) {
      first.writeNulls(r, d);
      if (second != null) second.writeNulls(r, d);
    }

    @Override
    void attach(ColumnWriteStore store) {
      first.attach(store);
      if (second != null) second.attach(store);
    }
  }
}
