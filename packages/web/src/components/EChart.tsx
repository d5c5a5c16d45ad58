import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

/**
 * A minimal ECharts holder. (echarts-for-react's ESM build imports `tslib`,
 * which this install does not hoist, so the build cannot resolve it.)
 */
export function EChart({ option, style }: { option: echarts.EChartsCoreOption; style?: React.CSSProperties }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    chart.current = echarts.init(el.current!);
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={el} style={{ width: '100%', height: 300, ...style }} />;
}
