import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

/**
 * A minimal ECharts holder. (echarts-for-react's ESM build imports `tslib`,
 * which this install does not hoist, so the build cannot resolve it.)
 */
export function EChart({
  option,
  style,
  renderer = 'canvas',
}: {
  option: echarts.EChartsCoreOption;
  style?: React.CSSProperties;
  /** 'svg' keeps the labels in the DOM, where screen readers and browser tests can read them. */
  renderer?: 'canvas' | 'svg';
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    chart.current = echarts.init(el.current!, undefined, { renderer });
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
    };
  }, [renderer]);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={el} style={{ width: '100%', height: 300, ...style }} />;
}
