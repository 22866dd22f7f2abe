package dev.lakegate.server.lake;

import dev.lakegate.lake.sql.SqlParseException;
import dev.lakegate.lake.sql.Statement;
import io.delta.kernel.types.StructType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The target columns of {@code INSERT INTO t (a, b) SELECT …}: all of them, in order, when none are listed. */
final class Columns {
    private Columns() {}

    static int[] targets(List<Statement.Ident> listed, StructType schema) {
        if (listed.isEmpty()) {
            return IntStream.range(0, schema.length()).toArray();
        }
        int[] out = new int[listed.size()];
        for (int i = 0; i < out.length; i++) {
            Statement.Ident col = listed.get(i);
            out[i] = IntStream.range(0, schema.length()).filter(c -> schema.at(c).getName().equalsIgnoreCase(col.name()))
                    .findFirst().orElseThrow(() -> new SqlParseException(col.pos(), "column '" + col.name()
                            + "' is not in the table; it has " + String.join(", ", schema.fieldNames())));
            int index = out[i];
            if (Arrays.stream(out, 0, i).anyMatch(x -> x == index)) {
                throw new SqlParseException(col.pos(), "column '" + col.name() + "' is listed twice");
            }
        }
        return out;
    }

    static String names(StructType schema, int[] targets) {
        return Arrays.stream(targets).mapToObj(i -> schema.at(i).getName()).collect(Collectors.joining(", "));
    }
}
