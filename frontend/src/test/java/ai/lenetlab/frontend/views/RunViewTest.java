package ai.lenetlab.frontend.views;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.api.RunDetails;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.frontend.backend.SignedInUser;
import ai.lenetlab.frontend.components.PredictionTile;
import ai.lenetlab.frontend.security.Credentials;
import ai.lenetlab.frontend.security.CurrentUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunViewTest extends ViewTestBase {

    private final UUID id = UUID.randomUUID();

    @Test
    void showsResultsCurvesConfusionAndPredictions() {
        backend.details.put(id, SampleRuns.completed(id, "model-2"));
        backend.predictions.put(id, SampleRuns.predictions());
        RunView view = open();

        assertThat(view.title.getText()).isEqualTo("model-2 · seed 1");
        assertThat(metric(view, "final-accuracy")).isEqualTo("88.00 %");
        assertThat(metric(view, "best-accuracy")).isEqualTo("88.00 % (epoch 3)");
        JsonNode loss = view.lossChart.getOption().get("series");
        assertThat(loss).hasSize(2);
        assertThat(loss.get(1).get("data")).hasSize(3);
        assertThat(view.confusionChart.getOption().get("series").get(0).get("data"))
                .hasSize(100);
        assertThat(test(view.layers).size()).isEqualTo(2);
        assertThat(test(view.epochs).size()).isEqualTo(3);
        assertThat(test(view.config).size()).isEqualTo(24);
        // what it trained on: a row per environment field, one per dataset file
        assertThat(view.environment.isVisible()).isTrue();
        assertThat(test(view.environment).size()).isEqualTo(10);
        assertThat(view.environment.shownRows())
                .anySatisfy(row -> assertThat(row.values()).containsExactly("AMD EPYC 7B13, 2 cores"));

        assertThat($(PredictionTile.class).all()).hasSize(10);
        assertThat($(PredictionTile.class).withClassName("mistake").all()).hasSize(2);
        view.mistakesOnly.setValue(true);
        assertThat($(PredictionTile.class).all()).hasSize(2);
        assertThat(view.download.isVisible()).isTrue();
        // try it: test image 13 through the model, its probabilities as bars and the image it saw
        assertThat(view.tryIt.isVisible()).isTrue();
        view.testImage.setValue(13);
        view.predict.click();
        settle();
        assertThat(view.predicted.getText()).isEqualTo("class 3 · 90.00 %");
        assertThat(view.probabilities.getOption().get("series").get(0).get("data"))
                .hasSize(10);
        assertThat(view.probabilities
                        .getOption()
                        .get("series")
                        .get(0)
                        .get("data")
                        .get(3)
                        .asDouble())
                .isEqualTo(0.9);
        assertThat(view.seen.getSrc()).startsWith("data:image/png;base64,");
        assertThat(view.cancel.isEnabled()).isFalse();
        assertThat(view.retry.isEnabled()).isTrue();
    }

    @Test
    void aRunningRunFollowsLiveProgressAndCanBeCancelled() {
        backend.details.put(id, SampleRuns.running(id));
        RunView view = open();
        assertThat(view.progressText.getText()).isEqualTo("epoch 2 of 3 · batch 10 of 235");
        assertThat(view.environment.isVisible()).as("known once it completes").isFalse();

        publish(SampleRuns.progress(id, 2, 0.5));
        assertThat(view.progressText.getText()).isEqualTo("epoch 2 of 3 · batch 100 of 235");

        backend.details.put(id, SampleRuns.completed(id, "model-2"));
        publish(SampleRuns.summary(id, "model-2", RunStatus.COMPLETED, null));
        assertThat(view.details.summary().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(view.lossChart.getOption().get("series").get(0).get("data")).hasSize(3);

        backend.details.put(id, SampleRuns.running(id));
        view.load();
        settle();
        test(view.cancel).click();
        assertThat(backend.cancelled).containsExactly(id);
    }

    @Test
    void viewersAreNotOfferedCancelOrRetry() {
        CurrentUser.signIn(new Credentials("vera", backend.password), new SignedInUser("vera", "viewer"));
        backend.details.put(id, SampleRuns.completed(id, "model-2"));
        RunView view = open();
        assertThat(view.retry.isVisible() && view.retry.isEnabled()).as("retry").isFalse();
        backend.details.put(id, SampleRuns.running(id));
        view.load();
        settle();
        assertThat(view.cancel.isVisible() && view.cancel.isEnabled())
                .as("cancel")
                .isFalse();
    }

    @Test
    void theAttemptCountsOnlyFailuresAgainstTheLimit() {
        RunDetails done = SampleRuns.completed(id, "model-2");
        backend.details.put(id, done);
        RunView view = open();
        assertThat(view.facts.getText()).contains("attempt 1 · ").doesNotContain("failures");

        // one failure: one of the three failures it may have is used up
        RunDetails failedOnce = new RunDetails(
                done.summary(),
                3,
                done.config(),
                done.parameters(),
                done.layers(),
                done.epochs(),
                done.finalMetrics(),
                done.bestMetrics(),
                done.confusionMatrix(),
                done.perClassAccuracy(),
                done.totalSeconds(),
                done.modelAvailable(),
                done.cancelRequested(),
                done.queuedAt(),
                done.lastHeartbeatAt(),
                done.environment(),
                1,
                List.of());
        backend.details.put(id, failedOnce);
        view.load();
        settle();
        assertThat(view.facts.getText()).contains("attempt 1 (1 of 3 failures)");
    }

    @Test
    void anUnknownRunSaysSo() {
        RunView view = open();
        assertThat(view.title.getText()).isEqualTo("Run not found");
        assertThat(view.problem.getText()).contains("does not exist");
    }

    private RunView open() {
        return navigate(RunView.class, Map.of("id", id.toString()));
    }

    private String metric(RunView view, String name) {
        Div card = $(Div.class, view.summary).withAttribute("data-metric", name).single();
        return $(Span.class, card).withClassName("value").single().getText();
    }
}
