package dev.lakegate.server.lake;

import dev.lakegate.lake.delta.Row;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * VALUES rows ({@code InsertValues.rowsFor}: structs as Lists of field values) → Delta {@link Row}s
 * (structs as {@code Object[]}); every other value already has the Java type {@link Row} wants.
 */
final class LiteralRows {
    private LiteralRows() {}

    static Row row(List<Object> values, StructType schema) {
        return Row.of(fields(values, schema));
    }

    private static Object[] fields(List<?> values, StructType type) {
        Object[] out = new Object[type.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = deep(values.get(i), type.at(i).getDataType());
        }
        return out;
    }

    private static Object deep(Object v, DataType type) {
        if (v == null) {
            return null;
        }
        return switch (type) {
            case StructType s -> fields((List<?>) v, s);
            case ArrayType a -> {
                List<Object> out = new ArrayList<>();
                for (Object e : (List<?>) v) {
                    out.add(deep(e, a.getElementType()));
                }
                yield out;
            }
            case MapType m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                ((Map<?, ?>) v).forEach((k, x) -> out.put(deep(k, m.getKeyType()), deep(x, m.getValueType())));
                yield out;
            }
            default -> v;
        };
    }
}
