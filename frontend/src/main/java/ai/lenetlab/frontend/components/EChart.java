package ai.lenetlab.frontend.components;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

/** An Apache ECharts chart (the free charting library; Vaadin Charts is commercial). */
@Tag("lenetlab-chart")
@NpmPackage(value = "echarts", version = "6.1.0")
@JsModule("./lenetlab-chart.js")
public class EChart extends Component implements HasSize {

    private ObjectNode option;

    public EChart(String height) {
        setWidthFull();
        setHeight(height);
    }

    /** Replaces what the chart shows; {@code option} is an ECharts option object (see {@link ChartOptions}). */
    public void setOption(ObjectNode option) {
        this.option = option;
        getElement().setProperty("option", option.toString());
    }

    public ObjectNode getOption() {
        return option;
    }
}
