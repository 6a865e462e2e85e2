package ai.lenetlab.frontend.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.lenetlab.frontend.backend.BackendException;
import ai.lenetlab.frontend.security.CurrentUser;
import ai.lenetlab.frontend.security.LoginView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.QueryParameters;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignInTest extends ViewTestBase {

    @Test
    void pagesSendStrangersToSignInAndBackAfterwards() {
        CurrentUser.signOut();
        UUID a = UUID.randomUUID();
        backend.compareView = SampleRuns.compare(a, UUID.randomUUID(), UUID.randomUUID());
        UI.getCurrent().navigate("compare", QueryParameters.fromString("runs=" + a));
        settle();
        assertThat(getCurrentView()).isInstanceOf(LoginView.class);

        LoginForm form = $(LoginForm.class).single();
        test(form).login("tester", "wrong");
        settle();
        assertThat(form.isError()).isTrue();
        assertThat(getCurrentView()).isInstanceOf(LoginView.class);

        test(form).login("tester", backend.password);
        settle();
        assertThat(getCurrentView()).isInstanceOf(CompareRunsView.class);
        assertThat(backend.comparedIds).containsExactly(a);
        assertThat(CurrentUser.user())
                .hasValueSatisfying(u -> assertThat(u.username()).isEqualTo("tester"));
    }

    @Test
    void aThrottledSignInSaysHowLongToWait() {
        CurrentUser.signOut();
        navigate(LoginView.class);
        backend.failure =
                new BackendException(429, "too many failed sign-ins for this user name; try again in 4 s", List.of());
        LoginForm form = $(LoginForm.class).single();
        test(form).login("tester", backend.password);
        settle();
        assertThat(form.isError()).isTrue();
        assertThat(String.valueOf(form.getElement().getPropertyRaw("i18n")))
                .contains("Too many failed sign-ins", "try again in 4 s");
        assertThat(form.isEnabled()).isTrue();
        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
    }

    @Test
    void viewersAreNotOfferedNewExperimentsOrSweeps() {
        CurrentUser.signOut();
        backend.role = "viewer";
        navigate(LoginView.class);
        test($(LoginForm.class).single()).login("tester", backend.password);
        settle();
        assertThat($(SideNavItem.class).all())
                .extracting(SideNavItem::getLabel)
                .containsExactly("Runs", "Compare", "Sweeps", "Workers");
        assertThat(navigate(SweepsView.class).create.isVisible())
                .as("viewers look at sweeps, start none")
                .isFalse();
    }

    @Test
    void aUserTheServiceNoLongerTakesIsSignedOutAndTold() {
        BroadcastProcessor<String> stream = BroadcastProcessor.create();
        eventStream = () -> stream;
        navigate(RunsView.class);
        eventStream = () -> Multi.createFrom().failure(new WebApplicationException(401));
        stream.onComplete(); // the service ends a disabled user's stream, and refuses the reconnect
        await().atMost(Duration.ofSeconds(15)).pollInSameThread().until(() -> {
            settle();
            return CurrentUser.user().isEmpty();
        });
        UI.getCurrent().navigate("login", QueryParameters.simple(java.util.Map.of("signed-out", "")));
        settle();
        assertThat($(LoginForm.class).single().isError())
                .as("the sign-in page says why")
                .isTrue();
    }
}
