package dev.lakegate.lake.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text of attribute values and log bodies (package-info lists the rules). */
class AnyValuesTest {
  @Test
  void scalars() {
    assertThat(AnyValues.text(str("é \"q\""))).isEqualTo("é \"q\"");
    assertThat(AnyValues.text(AnyValue.newBuilder().setBoolValue(true).build())).isEqualTo("true");
    assertThat(AnyValues.text(AnyValue.newBuilder().setIntValue(-9007199254740993L).build()))
        .isEqualTo("-9007199254740993");
    assertThat(AnyValues.text(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {0, -1})).build()))
        .isEqualTo("AP8=");
    assertThat(AnyValues.text(AnyValue.getDefaultInstance())).isNull();
    assertThat(AnyValues.text(AnyValue.newBuilder().setStringValueStrindex(3).build())).isNull();
  }

  @Test
  void doublesAreJavasShortestTextAndNeverLookLikeInts() {
    assertThat(List.of(1.0, 0.1, 0.10669999999999999, 1e-5, 1e21, -0.0, Double.NaN, Double.NEGATIVE_INFINITY))
        .extracting(d -> AnyValues.text(dbl(d)))
        .containsExactly("1.0", "0.1", "0.10669999999999999", "1.0E-5", "1.0E21", "-0.0", "NaN", "-Infinity");
  }

  @Test
  void arraysAndKeyValueListsAreJsonOfTheTypedValues() {
    AnyValue kvlist = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
        .addValues(kv("k", str("first"))).addValues(kv("x", AnyValue.getDefaultInstance()))
        .addValues(kv("k", str("last")))).build();
    AnyValue array = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
        .addValues(str("a\n")).addValues(AnyValue.newBuilder().setIntValue(1)).addValues(dbl(1))
        .addValues(AnyValue.newBuilder().setBoolValue(false)).addValues(kvlist).addValues(dbl(Double.NaN))
        .addValues(AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("hi")))
        .addValues(AnyValue.newBuilder().setArrayValue(ArrayValue.getDefaultInstance()))).build();

    assertThat(AnyValues.text(array))
        .isEqualTo("[\"a\\n\",1,1.0,false,{\"k\":\"last\",\"x\":null},\"NaN\",\"aGk=\",[]]");
  }

  @Test
  void attributesKeepTheSendersOrderAndTheLastOfARepeatedKey() {
    Map<String, String> map = AnyValues.attributes(List.of(kv("b", str("1")), kv("a", str("2")), kv("b", str("3")),
        kv("none", AnyValue.getDefaultInstance())));

    assertThat(map).containsExactly(entry("b", "3"), entry("a", "2"), entry("none", null));
    assertThat(AnyValues.attributes(List.of())).isEmpty();
  }

  private static AnyValue str(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  private static AnyValue dbl(double d) {
    return AnyValue.newBuilder().setDoubleValue(d).build();
  }

  private static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }
}
