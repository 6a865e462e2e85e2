package ai.lenetlab.frontend.backend;

/** Who the experiment service says the credentials belong to ({@code GET /api/me}). */
public record SignedInUser(String username, String role) {

    public boolean canSubmit() {
        return "researcher".equals(role) || "admin".equals(role);
    }
}
