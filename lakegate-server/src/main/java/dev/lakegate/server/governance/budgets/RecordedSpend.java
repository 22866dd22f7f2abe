package dev.lakegate.server.governance.budgets;

import dev.lakegate.server.governance.PrincipalType;
import java.util.List;

/** The spend the usage table already holds, which a budget created mid-window starts from. */
@FunctionalInterface
public interface RecordedSpend {

    /** Cost of the requests that arrived within the window, summed per requester and endpoint name (as sent). */
    List<Row> in(Window window);

    /** @param micros the sum of the rows' {@code cost_usd}, each rounded to micro-dollars as settlement rounds it */
    record Row(String requester, PrincipalType requesterType, String endpointName, long micros) {}
}
