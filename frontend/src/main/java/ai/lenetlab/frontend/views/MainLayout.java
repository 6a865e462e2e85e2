package ai.lenetlab.frontend.views;

import ai.lenetlab.frontend.backend.RunEventFeed;
import ai.lenetlab.frontend.backend.SignedInUser;
import ai.lenetlab.frontend.security.CurrentUser;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import jakarta.inject.Inject;

/** The frame around every page: title, navigation, and whether live updates are flowing. */
public class MainLayout extends AppLayout {

    private final Span liveIndicator = new Span();

    @Inject
    public MainLayout(RunEventFeed feed) {
        H1 title = new H1("LeNet Lab");
        title.addClassName("app-title");
        liveIndicator.addClassName("live-indicator");
        Span user = new Span(CurrentUser.user()
                .map(u -> u.username() + " (" + u.role() + ")")
                .orElse(""));
        user.addClassName("signed-in-user");
        Button signOut = new Button("Sign out", e -> {
            CurrentUser.signOut();
            getUI().ifPresent(ui -> ui.getPage().setLocation("login"));
        });
        signOut.addThemeVariants(ButtonVariant.TERTIARY);
        signOut.setId("sign-out");
        addToNavbar(new DrawerToggle(), title, liveIndicator, user, signOut);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Runs", RunsView.class, VaadinIcon.LIST.create()));
        if (CurrentUser.user().map(SignedInUser::canSubmit).orElse(false)) {
            nav.addItem(new SideNavItem("New experiment", NewExperimentView.class, VaadinIcon.PLUS.create()));
        }
        nav.addItem(new SideNavItem("Compare", CompareRunsView.class, VaadinIcon.SPLIT.create()));
        nav.addItem(new SideNavItem("Sweeps", SweepsView.class, VaadinIcon.SLIDERS.create()));
        nav.addItem(new SideNavItem("Workers", WorkersView.class, VaadinIcon.SERVER.create()));
        addToDrawer(nav);
        showLive(feed.isLive(CurrentUser.authorization()));
        LiveUpdates.whileAttached(this, feed, ui -> new RunEventFeed.Listener() {
            @Override
            public void connectionChanged(boolean live) {
                ui.access(() -> showLive(live));
            }

            @Override
            public void signedOut() {
                // the service no longer takes this user's credentials (disabled or deleted): end the session
                ui.access(() -> {
                    ui.getPage().setLocation("login?signed-out"); // sent before the session goes
                    CurrentUser.signOut();
                });
            }
        });
    }

    private void showLive(boolean live) {
        liveIndicator.setText(live ? "● live" : "○ live updates paused: the experiment service is not answering");
        liveIndicator.getElement().getThemeList().clear();
        liveIndicator.getElement().getThemeList().add(live ? "badge success" : "badge error");
        liveIndicator.getElement().setAttribute("data-live", String.valueOf(live));
    }
}
