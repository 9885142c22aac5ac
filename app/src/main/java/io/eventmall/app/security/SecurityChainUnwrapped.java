package io.eventmall.app.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

/**
 * Puts the filter chain Spring Security built back in place of the wrapper Spring Security 6.5 registers around it
 * whenever Spring MVC is present ({@code WebMvcSecurityConfiguration}'s {@code CompositeFilterChainProxy}). The
 * wrapper's first filter asks Spring MVC's {@code HandlerMappingIntrospector} which handler each request goes to and
 * caches the answer for {@code MvcRequestMatcher} and the introspector's CORS lookups; this application uses neither
 * (its role rules are path patterns, {@link SecurityConfig#requestPathPatterns()}, and it has no CORS), so that was a
 * second full handler lookup per request beside the DispatcherServlet's own, about 5% of a purchase request's CPU in
 * the flash-sale spike's profile.
 * <p>
 * It works on the wrapper's bean definition (the wrapped chain is its last constructor argument); a Spring Security
 * whose wrapper looks different is left alone, with a warning, and {@code SecurityChainUnwrappedTest} fails so that
 * an upgrade notices.
 */
final class SecurityChainUnwrapped implements BeanFactoryPostProcessor {

    static final String CHAIN = "springSecurityFilterChain";
    static final String WRAPPER =
            "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration$CompositeFilterChainProxy";
    private static final Logger log = LoggerFactory.getLogger(SecurityChainUnwrapped.class);

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beans) {
        if (!(beans instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(CHAIN)) {
            return;
        }
        BeanDefinition chain = registry.getBeanDefinition(CHAIN);
        if (!WRAPPER.equals(chain.getBeanClassName())) {
            return;
        }
        ConstructorArgumentValues arguments = chain.getConstructorArgumentValues();
        ValueHolder filterList = arguments.getIndexedArgumentValue(0, null);
        if (arguments.getArgumentCount() == 1 && filterList != null
                && filterList.getValue() instanceof List<?> filters && !filters.isEmpty()
                && filters.get(filters.size() - 1) instanceof BeanDefinition wrapped) {
            registry.removeBeanDefinition(CHAIN);
            registry.registerBeanDefinition(CHAIN, wrapped);
            return;
        }
        log.warn("Spring Security's filter chain wrapper is not shaped as expected; left in place (a second handler "
                + "lookup per request)");
    }
}
