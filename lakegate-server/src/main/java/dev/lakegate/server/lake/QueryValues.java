package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.ColumnTypes;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value of a query result (the JSON-friendly values of {@code QueryResult}) as the Java value a
 * column of the target type takes, for INSERT … SELECT. Like Spark's ANSI store assignment: numbers
 * go to any numeric column if they fit (integers exactly, decimals rounded half-up to the scale),
 * anything scalar to STRING, structs by position, but text never silently becomes a number — CAST
 * it in the SELECT. Map keys arrive as text and are read as the key type.
 */
final class QueryValues {
    private QueryValues() {}

    /** @param textBinary the result column is text (its bytes go to a BINARY column), not base64 of a BLOB */
    static Object convert(Object v, DataType type, String path, boolean textBinary) {
        if (v == null) {
            return null;
        }
        return switch (type) {
            case StructType s -> {
                if (!(v instanceof Map<?, ?> m) || m.size() != s.length()) {
                    throw mismatch(v, type, path);
                }
                Object[] out = new Object[s.length()];
                int i = 0;
                for (Object field : m.values()) {
                    out[i] = convert(field, s.at(i).getDataType(), path + "." + s.at(i).getName(), false);
                    i++;
                }
                yield out;
            }
            case ArrayType a -> {
                if (!(v instanceof List<?> l)) {
                    throw mismatch(v, type, path);
                }
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(e -> out.add(convert(e, a.getElementType(), path + "[]", false)));
                yield out;
            }
            case MapType m -> {
                if (!(v instanceof Map<?, ?> map)) {
                    throw mismatch(v, type, path);
                }
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, x) -> out.put(key(String.valueOf(k), m.getKeyType(), path),
                        convert(x, m.getValueType(), path + ".value", false)));
                yield out;
            }
            default -> scalar(v, type, path, textBinary);
        };
    }

    private static Object key(String k, DataType type, String path) {
        Object parsed;
        try {
            parsed = parseKey(k, type);
        } catch (NumberFormatException e) {
            throw LakeErrors.invalid("the map key '" + k + "' is not a valid " + sql(type) + " for column '" + path + "'");
        }
        return scalar(parsed, type, path + ".key", false);
    }

    private static Object parseKey(String k, DataType type) {
        return switch (type) {
            case LongType t -> new BigDecimal(k);
            case IntegerType t -> new BigDecimal(k);
            case ShortType t -> new BigDecimal(k);
            case ByteType t -> new BigDecimal(k);
            case DecimalType t -> new BigDecimal(k);
            case DoubleType t -> Double.valueOf(k);
            case FloatType t -> Double.valueOf(k);
            case BooleanType t -> Boolean.valueOf(k);
            default -> k;
        };
    }

    private static Object scalar(Object v, DataType type, String path, boolean textBinary) {
        try {
            Object out = switch (type) {
                case StringType t -> v instanceof String || v instanceof Boolean ? v.toString()
                        : v instanceof BigDecimal d ? d.toPlainString() : v instanceof Number ? v.toString() : null;
                case LongType t -> exact(v) == null ? null : exact(v).longValueExact();
                case IntegerType t -> exact(v) == null ? null : exact(v).intValueExact();
                case ShortType t -> exact(v) == null ? null : exact(v).shortValueExact();
                case ByteType t -> exact(v) == null ? null : exact(v).byteValueExact();
                case DoubleType t -> floating(v);
                case FloatType t -> floating(v) == null ? null : (float) (double) floating(v);
                case DecimalType t -> exact(v) == null ? null : decimal(exact(v), t, path);
                case BooleanType t -> v instanceof Boolean ? v : null;
                case DateType t -> v instanceof String s ? LocalDate.parse(s) : null;
                case TimestampType t -> v instanceof String s ? instant(s) : null;
                case TimestampNTZType t -> v instanceof String s
                        ? (s.endsWith("Z") ? LocalDateTime.ofInstant(Instant.parse(s), ZoneOffset.UTC) : local(s)) : null;
                case BinaryType t -> v instanceof String s
                        ? (textBinary ? s.getBytes(StandardCharsets.UTF_8) : Base64.getDecoder().decode(s)) : null;
                default -> throw LakeErrors.invalid("column '" + path + "' has type " + sql(type)
                        + ", which INSERT … SELECT cannot write");
            };
            if (out == null) {
                throw mismatch(v, type, path);
            }
            return out;
        } catch (ArithmeticException e) {
            throw LakeErrors.invalid("the value " + v + " does not fit column '" + path + "' of type " + sql(type));
        } catch (java.time.format.DateTimeParseException | IllegalArgumentException e) {
            throw LakeErrors.invalid("'" + v + "' is not a valid " + sql(type) + " for column '" + path + "'");
        }
    }

    /** Whole and fractional numbers as BigDecimal; text and everything else null. */
    private static BigDecimal exact(Object v) {
        return switch (v) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Double d -> BigDecimal.valueOf(d);
            case Float f -> new BigDecimal(f.toString());
            default -> null;
        };
    }

    /** Numbers, and the texts "NaN", "Infinity", "-Infinity" the query results use for those doubles. */
    private static Double floating(Object v) {
        return switch (v) {
            case Number n -> n.doubleValue();
            case String s when s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity") -> Double.valueOf(s);
            default -> null;
        };
    }

    private static BigDecimal decimal(BigDecimal d, DecimalType t, String path) {
        BigDecimal scaled = d.setScale(t.getScale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > t.getPrecision() - t.getScale()) {
            throw new ArithmeticException("overflow");
        }
        return scaled;
    }

    /** TIMESTAMP results come as {@code …Z}; TIMESTAMP_NTZ and DATE results (no zone) are read as UTC. */
    private static Instant instant(String s) {
        return s.endsWith("Z") ? Instant.parse(s) : local(s).toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime local(String s) {
        return s.length() == 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s);
    }

    /** {@code INT}, {@code DECIMAL(10,2)}; nested types as {@code struct<a:int>} (field names keep their case). */
    private static String sql(DataType type) {
        String text = ColumnTypes.typeText(type);
        return type instanceof StructType || type instanceof ArrayType || type instanceof MapType ? text : text.toUpperCase(java.util.Locale.ROOT);
    }

    private static RuntimeException mismatch(Object v, DataType type, String path) {
        String given = switch (v) {
            case String s -> "text '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
            case Map<?, ?> m -> "a struct or map";
            case List<?> l -> "an array";
            case Boolean b -> "the boolean " + b;
            default -> "the number " + v;
        };
        return LakeErrors.invalid("column '" + path + "' is " + sql(type) + " but the query gives " + given
                + "; CAST it in the SELECT");
    }
}
