package ai.lenetlab.frontend.security;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.List;
import java.util.Locale;

/**
 * The session cookie is for the server only: not readable from page scripts (HttpOnly), and not
 * sent by other sites' forms or frames (SameSite=Lax, see {@link SameSiteLax}).
 */
@WebListener
public class SessionCookie implements ServletContextListener {

    static final String NAME = "JSESSIONID";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext().getSessionCookieConfig().setHttpOnly(true);
    }

    /**
     * SameSite=Lax written into the session cookie as its response goes out. Every browser must be told
     * (only Chromium assumes Lax), and neither the servlet container's session cookie nor the HTTP layer's
     * same-site setting (which sees only its own cookies) carries it.
     */
    @ApplicationScoped
    static class SameSiteLax {

        void install(@Observes Router router) {
            router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
                context.addHeadersEndHandler(ignored -> lax(context.response().headers()));
                context.next();
            });
        }

        static void lax(MultiMap headers) {
            List<String> cookies = headers.getAll(HttpHeaders.SET_COOKIE);
            if (cookies.stream().noneMatch(SameSiteLax::lacksSameSite)) {
                return;
            }
            headers.remove(HttpHeaders.SET_COOKIE);
            for (String cookie : cookies) {
                headers.add(HttpHeaders.SET_COOKIE, lacksSameSite(cookie) ? cookie + "; SameSite=Lax" : cookie);
            }
        }

        private static boolean lacksSameSite(String cookie) {
            return cookie.startsWith(NAME + "=")
                    && !cookie.toLowerCase(Locale.ROOT).contains("samesite=");
        }
    }
}
