package ai.lenetlab.frontend.views;

import ai.lenetlab.frontend.backend.BackendCalls;
import ai.lenetlab.frontend.backend.BackendException;
import ai.lenetlab.frontend.backend.LabBackend;
import com.vaadin.flow.component.Component;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A live page's data, fetched again whenever it changes but one fetch at a time: a change while one is
 * on its way asks once more when it is back (a burst of run events costs two fetches, not fifty). Use
 * on the UI thread, as {@link BackendCalls#fetch} is.
 */
final class CoalescedFetch<T> {

    private final BackendCalls calls;
    private final Component page;
    private final Supplier<Function<LabBackend, T>> call;
    private final Consumer<T> onAnswer;
    private final Consumer<BackendException> onFailure;
    private boolean loading;
    private boolean again;

    /** @param call what to ask, made when the fetch starts (so it asks for what the page shows then) */
    CoalescedFetch(
            BackendCalls calls,
            Component page,
            Supplier<Function<LabBackend, T>> call,
            Consumer<T> onAnswer,
            Consumer<BackendException> onFailure) {
        this.calls = calls;
        this.page = page;
        this.call = call;
        this.onAnswer = onAnswer;
        this.onFailure = onFailure;
    }

    void run() {
        if (loading) {
            again = true;
            return;
        }
        loading = true;
        calls.fetch(
                page,
                call.get(),
                answer -> {
                    loading = false;
                    onAnswer.accept(answer);
                    if (again) {
                        again = false;
                        run();
                    }
                },
                failure -> {
                    loading = false;
                    onFailure.accept(failure);
                });
    }
}
