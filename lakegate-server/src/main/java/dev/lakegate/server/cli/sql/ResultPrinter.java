package dev.lakegate.server.cli.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Prints a SQL API answer as a plain-text table (left-aligned columns, NULL for nulls, then the row
 * count), as CSV (RFC 4180: a header line, fields quoted when needed, nulls empty), or turns it into
 * JSON objects.
 */
final class ResultPrinter {
    private static final Set<String> NUMBERS = Set.of("BYTE", "SHORT", "INT", "LONG", "FLOAT", "DOUBLE", "DECIMAL");

    private ResultPrinter() {}

    /** The rows as JSON objects by column name, numbers and booleans typed by their column (the API sends text). */
    static ArrayNode objects(JsonNode answer) {
        JsonNode columns = answer.path("manifest").path("schema").path("columns");
        ArrayNode rows = SqlClient.JSON.createArrayNode();
        for (JsonNode row : answer.path("result").path("data_array")) {
            ObjectNode object = rows.addObject();
            for (int i = 0; i < columns.size(); i++) {
                String name = columns.get(i).path("name").asText();
                String type = columns.get(i).path("type_name").asText();
                JsonNode v = row.path(i);
                if (v.isNull() || v.isMissingNode()) {
                    object.putNull(name);
                } else if (NUMBERS.contains(type)) {
                    object.put(name, new BigDecimal(v.asText()));
                } else if (type.equals("BOOLEAN")) {
                    object.put(name, Boolean.parseBoolean(v.asText()));
                } else {
                    object.put(name, v.asText());
                }
            }
        }
        return rows;
    }

    static void print(PrintWriter out, JsonNode answer) {
        JsonNode columns = answer.path("manifest").path("schema").path("columns");
        if (columns.isEmpty()) {
            out.println("OK");
            return;
        }
        List<String[]> lines = new ArrayList<>();
        String[] header = new String[columns.size()];
        for (int i = 0; i < header.length; i++) {
            header[i] = columns.get(i).path("name").asText();
        }
        lines.add(header);
        JsonNode data = answer.path("result").path("data_array");
        for (JsonNode row : data) {
            String[] cells = new String[header.length];
            for (int i = 0; i < cells.length; i++) {
                JsonNode v = row.path(i);
                cells[i] = v.isNull() || v.isMissingNode() ? "NULL" : v.asText().replace("\n", "\\n");
            }
            lines.add(cells);
        }
        int[] widths = new int[header.length];
        lines.forEach(l -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], l[i].length());
            }
        });
        for (String[] l : lines) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                b.append(i == l.length - 1 ? l[i] : String.format("%-" + widths[i] + "s  ", l[i]));
            }
            out.println(b.toString().stripTrailing());
        }
        int n = data.size();
        out.println("(" + n + (n == 1 ? " row" : " rows")
                + (answer.path("manifest").path("truncated").asBoolean() ? ", truncated: more rows exist)" : ")"));
    }

    static void printCsv(PrintWriter out, JsonNode answer) {
        JsonNode columns = answer.path("manifest").path("schema").path("columns");
        if (columns.isEmpty()) {
            return;
        }
        List<String> header = new ArrayList<>();
        columns.forEach(c -> header.add(csv(c.path("name").asText())));
        out.print(String.join(",", header) + "\r\n");
        for (JsonNode row : answer.path("result").path("data_array")) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                JsonNode v = row.path(i);
                cells.add(v.isNull() || v.isMissingNode() ? "" : csv(v.asText()));
            }
            out.print(String.join(",", cells) + "\r\n");
        }
    }

    private static String csv(String value) {
        boolean quote = value.isEmpty() || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
