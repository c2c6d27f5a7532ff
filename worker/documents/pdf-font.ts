import { PDFName, PDFString, type PDFDocument, type PDFRef } from 'pdf-lib';
import { bold, regular, type FontData } from './fonts/dejavu.generated';

/**
 * An embedded TrueType subset (generated once by fonts/build-fonts.ts) written as a
 * Type0 / CIDFontType2 font with Identity-H encoding and a ToUnicode map, so text is
 * both embedded (PDF/A) and extractable (pdftotext, screen readers, copy-paste).
 * Everything that does not depend on the document is computed once per module load.
 */
export class PrintFont {
  private readonly glyphs = new Map<number, { gid: number; width: number }>();
  private readonly fallback: { gid: number; width: number };
  private readonly program: Uint8Array;
  private readonly toUnicode: string;
  private readonly widthsArray: (number | number[])[];
  /** The ToUnicode CMap deflated on first use, then reused by every document. */
  private toUnicodeDeflated: Uint8Array | undefined;

  constructor(private readonly data: FontData, readonly baseName: string) {
    for (const [cp, gid, width] of data.map as [number, number, number][]) this.glyphs.set(cp, { gid, width });
    this.fallback = this.glyphs.get(0x3f)!; // '?'
    this.program = Uint8Array.from(atob(data.deflated), (c) => c.charCodeAt(0));
    const byGid = [...this.glyphs.entries()].sort((a, b) => a[1].gid - b[1].gid);
    this.widthsArray = byGid.flatMap(([, g]) => [g.gid, [g.width]]);
    const hex4 = (n: number) => n.toString(16).padStart(4, '0');
    const pairs = byGid.map(([cp, g]) => `<${hex4(g.gid)}> <${hex4(cp)}>`);
    const chunks: string[] = [];
    for (let i = 0; i < pairs.length; i += 100) chunks.push(`${Math.min(100, pairs.length - i)} beginbfchar\n${pairs.slice(i, i + 100).join('\n')}\nendbfchar`);
    this.toUnicode = `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n${chunks.join('\n')}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend`;
  }

  private glyph(cp: number) {
    // Intl and users type narrow or thin no-break spaces: print them as spaces.
    if (cp === 0x202f || cp === 0x2009 || cp === 0x00a0) cp = 0x20;
    return this.glyphs.get(cp) ?? this.fallback;
  }

  /** Width of `text` at `size` points. */
  widthOf(text: string, size: number): number {
    let units = 0;
    for (const ch of text) units += this.glyph(ch.codePointAt(0)!).width;
    return (units * size) / 1000;
  }

  /** The text as a hex string of glyph ids, for `Tj`. */
  encode(text: string): string {
    let hex = '';
    for (const ch of text) hex += this.glyph(ch.codePointAt(0)!).gid.toString(16).padStart(4, '0');
    return `<${hex}>`;
  }

  /** Adds the font's objects to `doc`; returns the Type0 font's reference. */
  embed(doc: PDFDocument): PDFRef {
    const ctx = doc.context;
    const name = PDFName.of(this.baseName);
    const file = ctx.register(ctx.stream(this.program, { Filter: 'FlateDecode', Length1: this.data.length }));
    const descriptor = ctx.register(
      ctx.obj({
        Type: 'FontDescriptor',
        FontName: name,
        Flags: 4,
        FontBBox: this.data.bbox,
        ItalicAngle: this.data.italicAngle,
        Ascent: this.data.ascent,
        Descent: this.data.descent,
        // Every key ISO 32000-1 (table 122) requires of a TrueType descriptor, CapHeight included.
        CapHeight: this.data.capHeight,
        XHeight: this.data.xHeight,
        StemV: 80,
        FontFile2: file,
      }),
    );
    const cidFont = ctx.register(
      ctx.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: name,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: this.widthsArray,
        CIDToGIDMap: 'Identity',
      }),
    );
    this.toUnicodeDeflated ??= ctx.flateStream(this.toUnicode).getContents();
    const toUnicode = ctx.register(ctx.stream(this.toUnicodeDeflated, { Filter: 'FlateDecode' }));
    return ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }));
  }
}

// Subset tags (six capitals + '+') mark subset fonts, as PDF requires. Never "Bitstream"
// or "Vera" in the name: the font licence forbids it for modified fonts.
export const fonts = {
  regular: new PrintFont(regular, 'RLSREG+RelaisSans'),
  bold: new PrintFont(bold, 'RLSBLD+RelaisSans-Bold'),
};

