package ai.lenetlab.frontend.views;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.frontend.security.CurrentUser;
import ai.lenetlab.frontend.security.LoginView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.QueryParameters;
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
        assertThat(CurrentUser.user()).hasValueSatisfying(u -> assertThat(u.username()).isEqualTo("tester"));
    }

    @Test
    void viewersAreNotOfferedNewExperiments() {
        CurrentUser.signOut();
        backend.role = "viewer";
        navigate(LoginView.class);
        test($(LoginForm.class).single()).login("tester", backend.password);
        settle();
        assertThat($(SideNavItem.class).all()).extracting(SideNavItem::getLabel).containsExactly("Runs", "Compare");
    }
}
