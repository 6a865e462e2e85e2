package ai.lenetlab.frontend;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page shell: Lumo plus our styles, and server push so training progress reaches the browser live.
 *
 * <p>Push runs over long polling, not WebSocket. A WebSocket's open and close run Vaadin's
 * PushHandler on a Vert.x event loop, where it waits for the session lock (vaadin/flow#18349), and
 * the REST client reads its replies on those same event loops: one view waiting for the service
 * under the lock hung the whole frontend. Long-polling requests are servlet requests on worker
 * threads, so no event loop ever waits for a session, whatever a view does. Measured with UiSoakTest
 * (3 users for 60 s, two runs training, a stranger's wrong passwords): views blocking under the lock
 * + WebSocket: 9 of 38 visits hung, 30 "Thread blocked"; the same views + long polling: no "Thread
 * blocked", 3 of 54 visits over 10 s; views off the lock (BackendCalls) + WebSocket: 0 of 58 failed;
 * both together: BENCHMARKS.md.
 */
@Push(transport = Transport.LONG_POLLING)
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("styles.css")
@PWA(name = "LeNet Lab", shortName = "LeNet Lab")
public class AppShell implements AppShellConfigurator {}
