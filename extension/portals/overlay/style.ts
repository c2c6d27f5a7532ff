/** The overlay's CSS, in px only: the portals set their own root font size. */
export const OVERLAY_CSS = `
.r{position:fixed;right:16px;bottom:16px;z-index:2147483646;width:360px;max-height:calc(100vh - 32px);overflow:auto;box-sizing:border-box;background:#fff;color:#1f2937;border:1px solid #d1d5db;border-radius:10px;box-shadow:0 8px 24px rgba(0,0,0,.18);font:13px/18px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.r *{box-sizing:border-box}
.h{display:flex;align-items:center;gap:8px;padding:8px 12px;background:#1e3a8a;color:#fff;border-radius:10px 10px 0 0;font-weight:600}
.h span{flex:1;font-weight:400;font-size:12px;opacity:.85;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.h button{background:none;border:0;color:#fff;font-size:16px;cursor:pointer;padding:0 4px}
.b{padding:10px 12px}
.m{margin:6px 0}
.warn{background:#fef3c7;border:1px solid #f59e0b;border-radius:6px;padding:8px;margin:6px 0}
.err{background:#fee2e2;border:1px solid #ef4444;border-radius:6px;padding:8px;margin:6px 0}
.ok{background:#dcfce7;border:1px solid #22c55e;border-radius:6px;padding:8px;margin:6px 0}
.g{display:grid;grid-template-columns:repeat(7,1fr);gap:2px;margin:6px 0}
.g i{font-style:normal;text-align:center;font-size:10px;color:#6b7280}
.d{border:1px solid #e5e7eb;border-radius:4px;text-align:center;font-size:11px;line-height:13px;padding:2px 0;min-height:40px}
.d b{display:block;font-size:10px;color:#6b7280;font-weight:400}
.d.x{background:#fde68a;border-color:#d97706}
.d.l{background:#f3f4f6;color:#9ca3af}
.p{color:#1e3a8a}
.s{font-size:11px;color:#6b7280}
ul{margin:4px 0;padding-left:18px;max-height:180px;overflow:auto}
li{margin:1px 0}
.a{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
button.c{font:600 13px/18px system-ui,sans-serif;border:1px solid #1e3a8a;background:#fff;color:#1e3a8a;border-radius:6px;padding:6px 10px;cursor:pointer}
button.c.pr{background:#1e3a8a;color:#fff}
button.c.dg{background:#b91c1c;border-color:#b91c1c;color:#fff}
button.c:disabled{opacity:.5;cursor:default}
select,input{font:13px system-ui,sans-serif;padding:4px;border:1px solid #d1d5db;border-radius:4px;max-width:100%}
label{display:block;margin:4px 0}
`;
