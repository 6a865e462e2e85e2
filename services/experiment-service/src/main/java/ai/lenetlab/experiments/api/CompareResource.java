package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.RunDifference;
import ai.lenetlab.experiments.security.Roles;
import ai.lenetlab.experiments.service.CompareExports;
import ai.lenetlab.experiments.service.CompareService;
import ai.lenetlab.experiments.service.Refusal;
import ai.lenetlab.experiments.service.RunDifferences;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Comparisons: {@code GET /api/compare} as JSON and the same comparison as files — the epochs as CSV
 * ({@code /api/compare.csv}), a row per config ({@code /api/compare/summary.csv}) and the summary as
 * Markdown ({@code /api/compare.md}) or LaTeX ({@code /api/compare.tex}). Each takes the runs
 * ({@code ?runs=id1,id2,…}), whole experiments ({@code ?experiment=id1,…}) or a sweep
 * ({@code ?sweep=id}), and optionally a
 * {@code baseline} group to contrast every other group with.
 */
@Path("/api")
@Tag(name = "compare")
@RolesAllowed({Roles.VIEWER, Roles.RESEARCHER, Roles.ADMIN})
public class CompareResource {

    private static final String CSV = "text/csv; charset=UTF-8";
    private static final String MARKDOWN = "text/markdown; charset=UTF-8";
    private static final String LATEX = "application/x-latex; charset=UTF-8";

    @Inject
    CompareService compare;

    @Inject
    RunDifferences differences;

    @GET
    @Path("compare")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Compare runs: ?runs=id1,id2,…, ?experiment=id1,… or ?sweep=id; optional &baseline=",
            description = "Configs with differing fields marked, per-epoch series aligned, final and best"
                    + " metrics, seed groups with mean ± std per epoch and 95 % intervals, contrasts between"
                    + " groups (every pair up to 12 groups, beyond each against the best; or each against the"
                    + " baseline: a group's label or one of its run ids) with Welch's p, the difference's 95 % CI,"
                    + " Cohen's d and the seeds needed, and a summary row per config.")
    public CompareView compare(@BeanParam Which which, @RestQuery String baseline) {
        return compare.compare(which.selection(), baseline);
    }

    @GET
    @Path("compare/difference")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Where two runs differ: ?a=runId&b=runId[&limit=48]",
            description = "Per-class test accuracy of A and B and B − A, B's confusion matrix minus A's, and"
                    + " the test images A gets wrong and B right (fixed) or the other way round (broken), each"
                    + " with both predictions and its pixels; 409 unless both runs completed on the same test set.")
    public RunDifference difference(
            @RestQuery @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    String a,
            @RestQuery @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    String b,
            @RestQuery("limit")
                    @DefaultValue("48")
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "0",
                                            maximum = "" + RunDifferences.MAX_IMAGES,
                                            defaultValue = "48"))
                    String limitValue) {
        if (a == null || b == null) {
            throw new Refusal(Refusal.Kind.INVALID, "name the two runs: ?a=runId&b=runId");
        }
        int limit = QueryValues.parse("limit", limitValue, Integer::parseInt, "a whole number");
        return differences.between(id(a, "a"), id(b, "b"), limit);
    }

    @GET
    @Path("compare.csv")
    @Produces(CSV)
    @Operation(summary = "The compared runs' epochs as CSV: a row per run and epoch")
    public Response epochsCsv(@BeanParam Which which) {
        return file(CompareExports.epochsCsv(compare.forExport(which.selection())), "comparison-epochs.csv");
    }

    @GET
    @Path("compare/summary.csv")
    @Produces(CSV)
    @Operation(summary = "The comparison as CSV: a row per config with each outcome's mean, std, n and 95 % CI")
    public Response summaryCsv(@BeanParam Which which) {
        return file(CompareExports.summaryCsv(compare.forExport(which.selection())), "comparison-summary.csv");
    }

    @GET
    @Path("compare.md")
    @Produces(MARKDOWN)
    @Operation(summary = "The comparison as a Markdown table: mean ± std per config, the best in bold")
    public Response markdown(@BeanParam Which which) {
        return file(CompareExports.markdown(compare.forExport(which.selection())), "comparison.md");
    }

    @GET
    @Path("compare.tex")
    @Produces(LATEX)
    @Operation(summary = "The comparison as a LaTeX table (booktabs): mean ± std per config, the best in bold")
    public Response latex(@BeanParam Which which) {
        return file(CompareExports.latex(compare.forExport(which.selection())), "comparison.tex");
    }

    /** What to compare: exactly one of {@code runs}, {@code experiment} or {@code sweep}, each ids by commas. */
    public static class Which {
        @RestQuery
        String runs;

        @RestQuery
        String experiment;

        @RestQuery
        String sweep;

        CompareService.Selection selection() {
            List<String> named = java.util.stream.Stream.of(runs, experiment, sweep)
                    .filter(p -> p != null && !p.isBlank())
                    .toList();
            if (named.size() != 1) {
                throw new Refusal(
                        Refusal.Kind.INVALID,
                        "name either the runs (?runs=id1,id2,…), experiments (?experiment=id1,…) or a sweep"
                                + " (?sweep=id)");
            }
            return new CompareService.Selection(
                    runs == null || runs.isBlank() ? List.of() : ids(runs, "runs"),
                    experiment == null || experiment.isBlank() ? List.of() : ids(experiment, "experiment"),
                    sweep == null || sweep.isBlank() ? List.of() : ids(sweep, "sweep"));
        }
    }

    private static UUID id(String value, String parameter) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Kind.INVALID, parameter + " must be a run id, was " + value);
        }
    }

    private static List<UUID> ids(String list, String parameter) {
        try {
            return Arrays.stream(list.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(UUID::fromString)
                    .toList();
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Kind.INVALID, parameter + " must be ids separated by commas");
        }
    }

    private static Response file(String content, String name) {
        return Response.ok(content)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }
}
