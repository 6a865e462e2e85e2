package ai.lenetlab.experiments.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Who a client is: the OS user behind a loopback connection (read from the real /proc), else the address. */
class SignInClientTest {

    @Test
    void aLoopbackClientIsTheOsUserOwningItsSocket() throws Exception {
        String uid = String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        for (String loopback : new String[] {"127.0.0.1", "::1"}) {
            InetAddress address = InetAddress.getByName(loopback);
            try (ServerSocket server = new ServerSocket(0, 1, address);
                    Socket client = new Socket()) {
                // any process may connect from any 127.x address: the address tells nothing, the owner does
                client.bind(new InetSocketAddress(
                        loopback.equals("::1") ? address : InetAddress.getByName("127.0.0.9"), 0));
                client.connect(server.getLocalSocketAddress());
                try (Socket accepted = server.accept()) {
                    String peer = accepted.getInetAddress().getHostAddress();
                    assertThat(SignInClient.of(peer, accepted.getPort(), loopback, server.getLocalPort()))
                            .isEqualTo("local uid " + uid);
                }
            }
        }
    }

    @Test
    void anotherMachineIsItsAddressAndAnIpv6HostItsSlash64() {
        assertThat(SignInClient.of("192.0.2.7", 40000, "192.0.2.1", 8081)).isEqualTo("net 192.0.2.7");
        assertThat(SignInClient.of("2001:db8:1:2::7", 40000, "2001:db8::1", 8081))
                .isEqualTo(SignInClient.of("2001:db8:1:2:ffff::9", 40001, "2001:db8::1", 8081))
                .isNotEqualTo(SignInClient.of("2001:db8:1:3::7", 40000, "2001:db8::1", 8081));
        assertThat(SignInClient.of("example.org", 40000, null, -1))
                .as("never looked up")
                .isEqualTo("unknown");
        assertThat(SignInClient.of(null, 0, null, -1)).isEqualTo("unknown");
    }
}
