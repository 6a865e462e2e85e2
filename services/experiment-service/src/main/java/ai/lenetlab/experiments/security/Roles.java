package ai.lenetlab.experiments.security;

import java.util.List;

/**
 * The three roles. Viewers read; researchers also submit experiments and cancel or retry their own
 * runs; admins do anything, to any run, and manage users.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String RESEARCHER = "researcher";
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(VIEWER, RESEARCHER, ADMIN);

    private Roles() {}
}
