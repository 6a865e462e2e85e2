package ai.lenetlab.frontend.backend;

import ai.lenetlab.contracts.api.RunStatus;

/**
 * A page of the runs list as the service filters and sorts it: {@code text} matches part of the
 * experiment name, preset or worker; {@code sort} is the API's (e.g. "-createdAt", "experiment").
 */
public record RunQuery(String text, RunStatus status, String sort, int page, int size) {

    public static final String NEWEST_FIRST = "-createdAt";

    public static RunQuery firstPage(int size) {
        return new RunQuery("", null, NEWEST_FIRST, 0, size);
    }

    public RunQuery page(int number) {
        return new RunQuery(text, status, sort, number, size);
    }

    /** The runs list as it opens: newest first, unfiltered, first page (where new runs appear). */
    public boolean showsNewRunsOnTop() {
        return page == 0 && NEWEST_FIRST.equals(sort) && (text == null || text.isBlank()) && status == null;
    }
}
