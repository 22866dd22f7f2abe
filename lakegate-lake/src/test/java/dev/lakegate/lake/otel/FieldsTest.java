package dev.lakegate.lake.otel;

import static dev.lakegate.lake.otel.RejectionTest.bytes;
import static dev.lakegate.lake.otel.RejectionTest.logs;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import org.junit.jupiter.api.Test;

class FieldsTest {
  @Test
  void idsAreLowercaseHexAndEmptyIsNull() {
    assertThat(Fields.hex(bytes(8))).isEqualTo("0001020304050607");
    assertThat(Fields.hex(ByteString.copyFrom(new byte[] {(byte) 0xAB, (byte) 0xFF}))).isEqualTo("abff");
    assertThat(Fields.hex(ByteString.EMPTY)).isNull();
  }

  @Test
  void enumsByNameAndUnknownNumbersAsDigits() {
    assertThat(Fields.name(SeverityNumber.SEVERITY_NUMBER_FATAL4, 24)).isEqualTo("SEVERITY_NUMBER_FATAL4");
    byte[] body = logs(LogRecord.newBuilder().setSeverityNumberValue(99).build()).toByteArray();

    assertThat(Otlp.decode(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF, body).rows().get(0).get(5)).isEqualTo("99");
  }
}
