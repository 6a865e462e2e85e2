package ai.lenetlab.experiments.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Who is signing in, as far as guessing goes ({@link SignInThrottle} counts failures per name and client).
 * From another machine, the client is its address (IPv6: its /64, which one host is usually given).
 * On this machine any process may connect from any 127.x address, so an address says nothing; the
 * client is the OS user that owns the connecting socket, which Linux tells in /proc/net/tcp. Another
 * user of the machine guessing a name thus waits alone: the name's user, connecting as themselves or
 * through the web UI (which runs as the lab's user), is not held up by it. Guesses sent through the
 * web UI's sign-in page count for the web UI.
 */
final class SignInClient {

    private static final List<Path> SOCKET_TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private SignInClient() {}

    /**
     * The client of a connection from {@code peer}:{@code peerPort} to this server's
     * {@code local}:{@code localPort}; "unknown" without an address.
     */
    static String of(String peer, int peerPort, String local, int localPort) {
        InetAddress from = literal(peer);
        if (from == null) {
            return "unknown";
        }
        if (!from.isLoopbackAddress()) {
            byte[] bytes = from.getAddress();
            if (bytes.length == 16) { // the /64
                return "net " + HexFormat.of().formatHex(bytes, 0, 8);
            }
            return "net " + from.getHostAddress();
        }
        InetAddress to = literal(local);
        return ownerOf(from, peerPort, to, localPort)
                .map(uid -> "local uid " + uid)
                .orElse("local");
    }

    /** The uid owning the socket bound to {@code from}:{@code fromPort} and connected to {@code to}:{@code toPort}. */
    static Optional<String> ownerOf(InetAddress from, int fromPort, InetAddress to, int toPort) {
        for (Path table : SOCKET_TABLES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (IOException | SecurityException e) {
                continue; // not Linux, or no /proc: the client is "local"
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid ...
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 7
                        && endpoint(fields[1], from, fromPort)
                        && (to == null || endpoint(fields[2], to, toPort))) {
                    return Optional.of(fields[7]);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code hexAddressAndPort} (as /proc/net/tcp writes it) is {@code address}:{@code port}. */
    private static boolean endpoint(String hexAddressAndPort, InetAddress address, int port) {
        int colon = hexAddressAndPort.indexOf(':');
        if (colon < 0 || Integer.parseInt(hexAddressAndPort.substring(colon + 1), 16) != port) {
            return false;
        }
        byte[] bytes = HexFormat.of().parseHex(hexAddressAndPort.substring(0, colon));
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) { // each 32-bit word is in the host's order
            for (int word = 0; word < bytes.length; word += 4) {
                for (int i = 0; i < 2; i++) {
                    byte b = bytes[word + i];
                    bytes[word + i] = bytes[word + 3 - i];
                    bytes[word + 3 - i] = b;
                }
            }
        }
        try {
            return InetAddress.getByAddress(bytes).equals(address); // ::ffff:a.b.c.d comes back as IPv4
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** An address written as digits, never looked up by name. */
    private static InetAddress literal(String address) {
        if (address == null
                || address.isEmpty()
                || !(address.contains(":") || address.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            return null;
        }
        try {
            return InetAddress.getByName(
                    address.startsWith("[") ? address.substring(1, address.length() - 1) : address);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
