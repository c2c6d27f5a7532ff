/**
 * The overlay's CSS, in px only: the portals set their own root font size. Controls inherit
 * the panel's font (a shadow root's buttons and inputs would take the browser's). Each page
 * kind's bundle adds only its panel's rules (registerOverlay).
 */
export const OVERLAY_CSS = `
.r{position:fixed;right:16px;bottom:16px;z-index:2147483646;width:360px;max-height:calc(100vh - 32px);overflow:auto;background:#fff;color:#222;border:1px solid #ccc;border-radius:10px;box-shadow:0 4px 20px #0004;font:13px/18px system-ui}
*{box-sizing:border-box}
button,input,select{font:inherit}
button{cursor:pointer}
.h{display:flex;gap:8px;padding:8px 12px;background:#1e3a8a;color:#fff;font-weight:600}
.h span{flex:1;font-weight:400}
.h button{background:0;border:0;color:#fff;font-size:16px}
.b{padding:8px 12px}
p,.warn,.err,.ok{margin:6px 0}
.warn,.err,.ok{border:1px solid #fb0;border-radius:6px;padding:8px;background:#fec}
.err{border-color:#e44;background:#fdd}
.ok{border-color:#2c5;background:#dfd}
.s{font-size:11px;color:#777}
ul{padding-left:18px;max-height:180px;overflow:auto}
.a{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
.c{font-weight:600;border:1px solid;background:#fff;color:#1e3a8a;border-radius:6px;padding:6px 10px}
.pr{background:#1e3a8a;color:#fff}
`;

/** The CRA month's calendar: the portal's day above Relais', differing days coloured, locked ones greyed. */
export const CRA_CSS = `
.g{display:grid;grid-template-columns:repeat(7,1fr);gap:2px;text-align:center}
.g i,b{display:block;font:10px/13px system-ui;color:#777}
.d{border:1px solid #ddd;border-radius:4px;font-size:11px;line-height:13px;padding:2px 0;min-height:40px}
.x{background:#fd8;border-color:#d70}
.l{background:#eee;color:#999}
.p{color:#1e3a8a}
.dg{background:#b22;color:#fff}
`;

/** The quote form's mission and month pickers. */
export const QUOTE_CSS = `
select,input{padding:4px;border:1px solid #ccc;border-radius:4px;max-width:100%}
label{display:block;margin:4px 0}
`;
