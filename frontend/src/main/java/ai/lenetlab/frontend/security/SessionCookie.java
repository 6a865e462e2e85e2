package ai.lenetlab.frontend.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * The session cookie is for the server only: not readable from page scripts (HttpOnly), and not
 * sent by other sites' forms or frames (SameSite, in application.properties).
 */
@WebListener
public class SessionCookie implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext().getSessionCookieConfig().setHttpOnly(true);
    }
}
