package dev.lakegate.server.payload;

import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.lake.sql.Statement;
import dev.lakegate.server.observe.RequestRecord;
import io.delta.kernel.types.StructType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An inference table (SPEC §4): its columns, kept once here, and the row of one sampled request in that order. */
final class PayloadTable {
    private static final String REQUEST_TOO_LARGE = "MAX_REQUEST_SIZE_EXCEEDED";

    private static final StructType COLUMNS = ((Statement.CreateTable) SqlParser.parse("""
            CREATE TABLE c.s.t (
              request_date DATE, request_id STRING, client_request_id STRING, request_time TIMESTAMP, status_code INT,
              sampling_fraction DOUBLE, execution_duration_ms LONG, request STRING, response STRING, endpoint_name STRING,
              destination_model STRING, requester STRING, logging_error_codes ARRAY<STRING>
            ) USING DELTA""")).table().columns();

    private PayloadTable() {}

    /** The table as the catalog creates it. */
    static NewTable definition(TableName name) {
        return new NewTable(name, COLUMNS, Optional.empty(), Map.of(),
                Optional.of("Requests and answers of a Lakegate endpoint (inference table), written by the gateway"));
    }

    /** The row of one finished, sampled request: the answer assembled, everything redacted. */
    static Row row(RequestRecord r, Redactor redactor) {
        PayloadCapture c = r.payload();
        List<String> errorCodes = new ArrayList<>(2);
        if (c.request().exceeded()) {
            errorCodes.add(REQUEST_TOO_LARGE);
        }
        FinalResponse response = FinalResponse.of(c, r.statusCode(), r.eventTime());
        if (response.errorCode() != null) {
            errorCodes.add(response.errorCode());
        }
        return Row.of(LocalDate.ofInstant(r.eventTime(), ZoneOffset.UTC), r.requestId(), redactor.redact(c.clientRequestId()),
                r.eventTime(), r.statusCode(), c.table().samplingFraction(), r.latencyMs(),
                redactor.redact(c.request().text()), redactor.redact(response.text()),
                c.endpointName(), r.destinationModel(), r.requester(), errorCodes);
    }
}
