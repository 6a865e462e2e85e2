package ai.lenetlab.frontend.backend;

import ai.lenetlab.contracts.api.RunSummary;
import java.util.List;

/** One page of runs and how many match the query over all pages. */
public record RunPage(List<RunSummary> runs, long total) {}
