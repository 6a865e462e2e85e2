package ai.lenetlab.system;

import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says at the end of the system tests which were skipped and why, so that a machine without
 * Chromium or the dataset cannot pass the build quietly. (Registered in META-INF/services.)
 */
public class SkippedTestsReport implements TestExecutionListener {

    private final Map<String, Integer> reasons = new TreeMap<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        reasons.merge(reason, 1, Integer::sum);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest() && result.getStatus() == TestExecutionResult.Status.ABORTED) {
            reasons.merge(
                    result.getThrowable().map(Throwable::getMessage).orElse("(no reason given)"), 1, Integer::sum);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        reasons.forEach((reason, count) ->
                System.out.printf("[WARNING] %d system test%s SKIPPED: %s%n", count, count == 1 ? "" : "s", reason));
    }
}
