package dev.lakegate.lake.delta;

import java.util.Arrays;

/**
 * One table row: values in schema order, for writers ({@link DeltaTable#append}) and readers
 * ({@link DeltaTable#read}). Java types per Kernel type:
 *
 * <table>
 *   <tr><th>Delta / Kernel type</th><th>written as</th><th>read back as</th></tr>
 *   <tr><td>STRING</td><td>String</td><td>String</td></tr>
 *   <tr><td>LONG</td><td>Long (Integer, Short, Byte widen)</td><td>Long</td></tr>
 *   <tr><td>INT</td><td>Integer (Short, Byte widen)</td><td>Integer</td></tr>
 *   <tr><td>SHORT</td><td>Short (Byte widens)</td><td>Short</td></tr>
 *   <tr><td>BYTE</td><td>Byte</td><td>Byte</td></tr>
 *   <tr><td>DOUBLE</td><td>Double (Float widens)</td><td>Double</td></tr>
 *   <tr><td>FLOAT</td><td>Float</td><td>Float</td></tr>
 *   <tr><td>BOOLEAN</td><td>Boolean</td><td>Boolean</td></tr>
 *   <tr><td>DATE</td><td>LocalDate</td><td>LocalDate</td></tr>
 *   <tr><td>TIMESTAMP</td><td>Instant (OffsetDateTime, ZonedDateTime); microsecond precision</td><td>Instant</td></tr>
 *   <tr><td>TIMESTAMP_NTZ</td><td>LocalDateTime; microsecond precision</td><td>LocalDateTime</td></tr>
 *   <tr><td>DECIMAL(p,s)</td><td>BigDecimal (Long, Integer); rescaled to s without rounding</td><td>BigDecimal</td></tr>
 *   <tr><td>BINARY</td><td>byte[]</td><td>byte[]</td></tr>
 *   <tr><td>ARRAY&lt;T&gt;</td><td>java.util.List</td><td>List</td></tr>
 *   <tr><td>MAP&lt;K,V&gt;</td><td>java.util.Map (no null keys)</td><td>LinkedHashMap (file order)</td></tr>
 *   <tr><td>STRUCT&lt;…&gt;</td><td>Row or Object[] in field order</td><td>Row</td></tr>
 * </table>
 *
 * <p>{@code null} is allowed wherever the schema says nullable. Anything else is refused before a
 * byte is written, with the column path in the message (e.g. {@code sum.exemplars[0].value}).
 * Sub-microsecond digits of timestamps are truncated (Delta stores microseconds).
 *
 * <p>Rows are immutable and compare by deep value (so {@code byte[]} and nested rows compare by
 * content).
 */
public final class Row {
  private final Object[] values;

  private Row(Object[] values) {
    this.values = values;
  }

  /** A row of these values (copied), in schema order. */
  public static Row of(Object... values) {
    return new Row(values.clone());
  }

  /** Takes ownership of the array: for readers that built it and never touch it again. */
  static Row wrap(Object[] values) {
    return new Row(values);
  }

  public Object get(int index) {
    return values[index];
  }

  public int size() {
    return values.length;
  }

  /** A copy of the values. */
  public Object[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && Arrays.deepEquals(values, r.values);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.deepToString(values);
  }
}
