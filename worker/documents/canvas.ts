import type { PrintFont } from './pdf-font';

type Rgb = readonly [number, number, number];
export type TextStyle = { font: 'regular' | 'bold'; size: number; color?: Rgb; align?: 'left' | 'right' | 'center' };

const n = (v: number) => (Math.round(v * 100) / 100).toString();

/**
 * A page's content stream written directly as PDF operators: text with the embedded
 * fonts, lines and filled rectangles. y grows downwards from the top edge, like a layout.
 */
export class Canvas {
  private ops: string[] = [];
  constructor(readonly fonts: Record<'regular' | 'bold', PrintFont>, readonly width: number, readonly height: number) {}

  widthOf(text: string, style: TextStyle): number {
    return this.fonts[style.font].widthOf(text, style.size);
  }

  /** Draws one line of text whose baseline is at `y`; x is its left, right or centre edge. */
  text(text: string, x: number, y: number, style: TextStyle): void {
    if (!text) return;
    const font = this.fonts[style.font];
    const w = font.widthOf(text, style.size);
    const left = style.align === 'right' ? x - w : style.align === 'center' ? x - w / 2 : x;
    const [r, g, b] = style.color ?? [0.1, 0.1, 0.12];
    this.ops.push(`BT ${n(r)} ${n(g)} ${n(b)} rg /${style.font === 'bold' ? 'F2' : 'F1'} ${n(style.size)} Tf 1 0 0 1 ${n(left)} ${n(this.height - y)} Tm ${font.encode(text)} Tj ET`);
  }

  /** Splits `text` into lines no wider than `maxWidth`, breaking at spaces (or inside a word too long for a line). */
  wrap(text: string, maxWidth: number, style: TextStyle): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(' ')) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.widthOf(candidate, style) <= maxWidth) { line = candidate; continue; }
        if (line) lines.push(line);
        line = word;
        while (this.widthOf(line, style) > maxWidth && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && this.widthOf(line.slice(0, cut), style) > maxWidth) cut--;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** Draws wrapped text from baseline `y`; returns the baseline after the last line. */
  paragraph(text: string, x: number, y: number, maxWidth: number, style: TextStyle, leading = style.size * 1.35): number {
    for (const line of this.wrap(text, maxWidth, style)) {
      this.text(line, x, y, style);
      y += leading;
    }
    return y;
  }

  rect(x: number, y: number, w: number, h: number, fill: Rgb): void {
    this.ops.push(`${n(fill[0])} ${n(fill[1])} ${n(fill[2])} rg ${n(x)} ${n(this.height - y - h)} ${n(w)} ${n(h)} re f`);
  }

  line(x1: number, y1: number, x2: number, y2: number, color: Rgb, width = 0.5): void {
    this.ops.push(`${n(color[0])} ${n(color[1])} ${n(color[2])} RG ${n(width)} w ${n(x1)} ${n(this.height - y1)} m ${n(x2)} ${n(this.height - y2)} l S`);
  }

  content(): string {
    return this.ops.join('\n');
  }
}
