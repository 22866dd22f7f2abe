package dev.lakegate.server.dashboard.charts;

/**
 * One chart of the dashboard: one SQL template.
 *
 * @param id {@code <page>.<name>}, e.g. {@code overview.kpis}; its template is {@code charts/<id>.sql}
 * @param kind how the front end draws it (e.g. {@code stacked-bar}, {@code table})
 * @param template the statement with placeholders ({@link Params#render})
 */
public record Chart(String id, String page, String title, Source source, String kind, String template) {}
