package ai.lenetlab.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.frontend.backend.StubService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The session cookie as the real server writes it: every browser must be told SameSite=Lax (Chromium
 * assumes it, other browsers send the cookie along with other sites' requests unless told).
 */
@QuarkusTest
@QuarkusTestResource(value = StubService.class, restrictToAnnotatedClass = true)
class SessionCookieTest {

    @TestHTTPResource("login")
    URI login;

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(login).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertThat(cookies)
                .filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
                .singleElement()
                .satisfies(cookie ->
                        assertThat(cookie).containsIgnoringCase("; HttpOnly").containsIgnoringCase("; SameSite=Lax"));
    }
}
