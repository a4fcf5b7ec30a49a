/**
 * Native Excel charts as people read them: a shaded band (a fan, or quartile bands) behind lines. Excel
 * has no band chart, so a band is a stacked area whose first series (the floor) is transparent and whose
 * next series are the band widths; the lines are added as line series over the same categories.
 * String literals rather than Excel.* enums: the writers also run (and are tested) outside Excel.
 */
import { cellText } from './cell-text';

export interface BandLayer {
  /** Column (0-based within `data`) holding this layer's height above the one below it. */
  column: number;
  name: string;
  color: string;
}

export interface LineLayer {
  column: number;
  name: string;
  color: string;
  dashed?: boolean;
}

/**
 * `data` is a block whose first column holds the categories (years) and whose first row the headers;
 * `floor` is the column of the transparent base of the bands.
 */
export function bandChart(
  ws: Excel.Worksheet,
  data: { sheet: string; top: number; left: number; rows: number },
  layers: { floor: number; bands: BandLayer[]; lines: LineLayer[] },
  title: string,
): Excel.Chart {
  const col = (c: number) => ws.getRangeByIndexes(data.top + 1, data.left + c, data.rows, 1);
  const categories = col(0);
  const chart = ws.charts.add('AreaStacked', col(layers.floor), 'Columns');
  // Titles and series names carry release text (an LA's, an indicator's name): text, as in cells.
  chart.title.text = cellText(title);
  chart.legend.position = 'Bottom';
  const floor = chart.series.getItemAt(0);
  floor.name = 'floor';
  floor.setXAxisValues(categories);
  floor.format.fill.clear();
  floor.format.line.lineStyle = 'None';
  // Its legend entry would read "floor": hidden (ExcelApi 1.15; older hosts just show it).
  chart.legend.legendEntries.getItemAt(0).visible = false;
  for (const b of layers.bands) {
    const s = chart.series.add(cellText(b.name));
    s.setValues(col(b.column));
    s.setXAxisValues(categories);
    s.format.fill.setSolidColor(b.color);
    s.format.line.lineStyle = 'None';
  }
  for (const l of layers.lines) {
    const s = chart.series.add(cellText(l.name));
    s.chartType = 'Line';
    s.setValues(col(l.column));
    s.setXAxisValues(categories);
    s.format.line.color = l.color;
    if (l.dashed) s.format.line.lineStyle = 'Dash';
  }
  return chart;
}
