package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.Activation;
import ai.lenetlab.contracts.Augmentation;
import ai.lenetlab.contracts.ConfigChoice;
import ai.lenetlab.contracts.InputNormalization;
import ai.lenetlab.contracts.LrSchedule;
import ai.lenetlab.contracts.OptimizerType;
import ai.lenetlab.contracts.Pooling;
import ai.lenetlab.contracts.WeightInit;
import ai.lenetlab.sweeps.SweepSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The OpenAPI document lists config choices as the API reads them ({@code "adamw"}, {@code "tpe"}),
 * not as Java names ({@code "ADAMW"}): SmallRye OpenAPI cannot see the {@code @JsonValue} that
 * {@link ConfigChoice} declares for them all, and a user copying "ADAMW" from Swagger UI would get a 400.
 */
public class ConfigChoiceIdsInOpenApi implements OASFilter {

    /** Every choice type the API reads or writes. */
    static final List<Class<? extends Enum<?>>> CHOICES = List.of(
            Activation.class,
            Augmentation.class,
            InputNormalization.class,
            LrSchedule.class,
            OptimizerType.class,
            Pooling.class,
            WeightInit.class,
            SweepSpec.Method.class,
            SweepSpec.Goal.class,
            SweepSpec.Rule.class);

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Map<String, Schema> schemas =
                api.getComponents() == null ? null : api.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        for (Class<? extends Enum<?>> type : CHOICES) {
            Schema schema = schemas.get(type.getSimpleName());
            if (schema != null && schema.getEnumeration() != null) {
                schema.setEnumeration(Arrays.stream(type.getEnumConstants())
                        .map(c -> (Object) ((ConfigChoice) c).id())
                        .toList());
            }
        }
    }
}
