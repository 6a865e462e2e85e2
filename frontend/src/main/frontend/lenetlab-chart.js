// <lenetlab-chart>: an Apache ECharts chart whose option comes from the server as a JSON string.
// The chart instance is kept on the element (el.chart) so browser tests can read what was drawn.
import * as echarts from 'echarts';

class LenetlabChart extends HTMLElement {
  set option(json) {
    this._option = typeof json === 'string' ? JSON.parse(json) : json;
    this._render();
  }

  get option() {
    return this._option;
  }

  connectedCallback() {
    if (!this.style.display) this.style.display = 'block';
    this.chart = echarts.init(this, null, { renderer: 'canvas' });
    this.chart.on('finished', () => this.setAttribute('data-rendered', String(this._seriesCount())));
    this._resizer = new ResizeObserver(() => this.chart && this.chart.resize());
    this._resizer.observe(this);
    this._render();
  }

  disconnectedCallback() {
    if (this._resizer) this._resizer.disconnect();
    if (this.chart) this.chart.dispose();
    this.chart = null;
  }

  _seriesCount() {
    const series = this.chart ? this.chart.getOption().series : [];
    return series ? series.length : 0;
  }

  _render() {
    if (this.chart && this._option) {
      this.chart.setOption(this._option, true);
    }
  }
}

customElements.define('lenetlab-chart', LenetlabChart);
