package ai.lenetlab.frontend.backend;

/** The files a comparison exports as (the experiment service writes them). */
public enum CompareExport {
    EPOCHS_CSV("Epochs (CSV)", "comparison-epochs.csv", "text/csv"),
    SUMMARY_CSV("Summary (CSV)", "comparison-summary.csv", "text/csv"),
    MARKDOWN("Table (Markdown)", "comparison.md", "text/markdown"),
    LATEX("Table (LaTeX)", "comparison.tex", "application/x-latex");

    public final String label;
    public final String fileName;
    public final String contentType;

    CompareExport(String label, String fileName, String contentType) {
        this.label = label;
        this.fileName = fileName;
        this.contentType = contentType;
    }
}
