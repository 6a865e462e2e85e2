package ai.lenetlab.frontend.backend;

import java.util.Locale;

/** What a user may do to a sweep: {@code POST /api/sweeps/{id}/pause|resume|cancel}. */
public enum SweepAction {
    PAUSE,
    RESUME,
    CANCEL;

    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }
}
