package ai.lenetlab.frontend.views;

import ai.lenetlab.frontend.backend.BackendCalls;
import ai.lenetlab.frontend.backend.SignedInUser;
import ai.lenetlab.frontend.components.Formats;
import ai.lenetlab.frontend.security.CurrentUser;
import ai.lenetlab.sweeps.SweepView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.inject.Inject;

/** Every sweep, newest first: its status, trials and runs so far; each links to its page. */
@Route(value = "sweeps", layout = MainLayout.class)
@PageTitle("Sweeps · LeNet Lab")
public class SweepsView extends VerticalLayout implements BeforeEnterObserver {

    private final BackendCalls calls;
    final Grid<SweepView> sweeps = new Grid<>();
    final Div problem = new Div();
    /** For those who may submit: viewers only look. */
    final Button create = new Button("New sweep");

    @Inject
    public SweepsView(BackendCalls calls) {
        this.calls = calls;
        sweeps.setId("sweeps");
        sweeps.addComponentColumn(s -> new Anchor("sweeps/" + s.id(), s.name()))
                .setHeader("Sweep")
                .setAutoWidth(true);
        sweeps.addColumn(s -> s.status().name()).setHeader("Status").setAutoWidth(true);
        sweeps.addColumn(s ->
                        s.spec().method() == null ? "random" : s.spec().method().id())
                .setHeader("Method");
        sweeps.addColumn(SweepView::runs).setHeader("Runs");
        sweeps.addColumn(SweepView::epochs).setHeader("Epochs trained");
        sweeps.addColumn(s -> Formats.orDash(s.owner())).setHeader("By");
        sweeps.setAllRowsVisible(true);
        problem.addClassName("problem");
        problem.setVisible(false);
        create.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate(NewSweepView.class)));
        create.setId("new-sweep");
        create.setVisible(CurrentUser.user().map(SignedInUser::canSubmit).orElse(false));
        add(new H2("Sweeps"), create, problem, sweeps);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        calls.fetch(this, backend -> backend.sweeps(), sweeps::setItems, e -> {
            problem.setText(e.getMessage());
            problem.setVisible(true);
        });
    }
}
