package ai.lenetlab.frontend.views;

import ai.lenetlab.frontend.backend.RunEventFeed;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
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
        addToNavbar(new DrawerToggle(), title, liveIndicator);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Runs", RunsView.class, VaadinIcon.LIST.create()));
        nav.addItem(new SideNavItem("New experiment", NewExperimentView.class, VaadinIcon.PLUS.create()));
        nav.addItem(new SideNavItem("Compare", CompareRunsView.class, VaadinIcon.SPLIT.create()));
        addToDrawer(nav);
        showLive(feed.isLive());
        LiveUpdates.whileAttached(this, feed, ui -> new RunEventFeed.Listener() {
            @Override
            public void connectionChanged(boolean live) {
                ui.access(() -> showLive(live));
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
