package ai.lenetlab.frontend.components;

import ai.lenetlab.contracts.ConfigChoice;
import ai.lenetlab.contracts.ConfigFields;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.api.CompareView.ConfigField;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Config fields as rows, one column per run. Rows whose values differ are marked (part "differs") and
 * can be the only ones shown — the "differences only" view.
 */
public class ConfigTable extends Grid<ConfigField> {

    private List<ConfigField> rows = List.of();
    private boolean differencesOnly;

    public ConfigTable() {
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_COLUMN_BORDERS);
        setAllRowsVisible(true);
        setPartNameGenerator(row -> row.differs() ? "differs" : null);
    }

    /** One column per run (headed by {@code runLabels}), one row per field. */
    public void show(List<String> runLabels, List<ConfigField> fields) {
        removeAllColumns();
        addColumn(ConfigField::name).setHeader("Field").setAutoWidth(true).setFrozen(true);
        for (int i = 0; i < runLabels.size(); i++) {
            int column = i;
            addColumn(row -> column < row.values().size() ? display(row.values().get(column)) : "–")
                    .setHeader(runLabels.get(i))
                    // measuring dozens of columns in the browser takes longer than the rest of the page
                    .setAutoWidth(runLabels.size() <= 12)
                    .setWidth(runLabels.size() <= 12 ? null : "12em");
        }
        rows = fields;
        refreshRows();
    }

    public void setDifferencesOnly(boolean on) {
        differencesOnly = on;
        refreshRows();
    }

    public List<ConfigField> shownRows() {
        return differencesOnly ? rows.stream().filter(ConfigField::differs).toList() : rows;
    }

    /** A single config as rows (nothing differs). */
    public static List<ConfigField> rowsOf(RunConfig config) {
        return rowsOf(ConfigFields.of(config));
    }

    /** Named values of one run as rows (nothing differs). */
    public static List<ConfigField> rowsOf(Map<String, Object> values) {
        List<ConfigField> fields = new ArrayList<>();
        values.forEach(
                (name, value) -> fields.add(new ConfigField(name, java.util.Collections.singletonList(value), false)));
        return fields;
    }

    private void refreshRows() {
        setItems(shownRows());
    }

    private static String display(Object value) {
        if (value == null) {
            return "–";
        }
        return value instanceof ConfigChoice choice ? choice.id() : String.valueOf(value);
    }
}
