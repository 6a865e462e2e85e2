package ai.lenetlab.frontend.views;

import com.vaadin.flow.di.DefaultInstantiator;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.di.InstantiatorFactory;
import com.vaadin.flow.server.VaadinService;
import jakarta.inject.Inject;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates views the way CDI does in the app: through their {@code @Inject} constructor, with the
 * test's backend and event feed. Browserless tests run without the Quarkus container.
 */
public class InjectingInstantiatorFactory implements InstantiatorFactory {

    /** What an {@code @Inject} constructor may ask for, by type; each test puts in its own. */
    static final Map<Class<?>, Object> SERVICES = new ConcurrentHashMap<>();

    @Override
    public Instantiator createInstantitor(VaadinService service) {
        return new DefaultInstantiator(service) {
            @Override
            public <T> T getOrCreate(Class<T> type) {
                Object service = SERVICES.get(type);
                if (service != null) {
                    return type.cast(service);
                }
                Constructor<?> injected = Arrays.stream(type.getConstructors())
                        .filter(c -> c.isAnnotationPresent(Inject.class))
                        .findFirst()
                        .orElse(null);
                if (injected == null) {
                    return super.getOrCreate(type);
                }
                Object[] args = Arrays.stream(injected.getParameterTypes())
                        .map(this::getOrCreate)
                        .toArray();
                try {
                    return type.cast(injected.newInstance(args));
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create " + type, e);
                }
            }
        };
    }
}
