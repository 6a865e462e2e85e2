package ai.lenetlab.frontend.components;

import ai.lenetlab.contracts.api.RunStatus;
import com.vaadin.flow.component.html.Span;

/** A run's status as a coloured badge (Lumo badge styles). */
public class StatusBadge extends Span {

    public StatusBadge(RunStatus status) {
        super(status.name().toLowerCase());
        getElement().getThemeList().add("badge");
        String theme = switch (status) {
            case COMPLETED -> "success";
            case FAILED -> "error";
            case CANCELLED, PRUNED -> "contrast";
            case QUEUED, RUNNING -> null;
        };
        if (theme != null) {
            getElement().getThemeList().add(theme);
        }
        getElement().setAttribute("data-status", status.name());
    }
}
