/**
 * The resident site's stylesheet. Kept in a module (not a .css file) so that every
 * bundle that renders pages — the publish Lambda included — carries it and can name it by its
 * content hash. Mobile first, logical properties only (right-to-left pages mirror by
 * themselves), system fonts. Colours keep WCAG AA contrast on the page background.
 *
 * Web fonts only for Ethiopic, and only where a page shows it. Both faces come from the phone
 * itself when it has an Ethiopic font (local(): Android's Noto, Apple's Kefa, Windows' Nyala),
 * and cover only the Ethiopic block, so a browser whose system font lacks the script does not
 * stop at that font. Tigrinya pages take the Tigrinya font (17 KB). Every other page shows
 * Tigrinya only in a few words (the language's name in the footer and the "also in" links, the
 * chooser's and the all-languages 404's lines): those take a font of just their characters (2 KB,
 * made by `npm run fonts`, scripts/ethiopic-fonts.ts), and any other Ethiopic character falls
 * through to the Tigrinya font. That font is `block`: the few words stay blank for the round
 * trip it takes rather than show boxes (the bench finds no shift from it on these pages).
 *
 * A phone without an Ethiopic font lays a Tigrinya page out before the font has come (swap:
 * the page paints at once). Laid out in a system font, the letters would be boxes of other
 * widths, and lines would break elsewhere and move when the font arrives. So Tigrinya pages carry,
 * inline, the font's blank twin (2 KB: every letter's width, nothing to draw;
 * web/ui/ethiopic-font-files.ts) as the next font in line: until the font comes, the Tigrinya
 * words are blank space of their final size, then they appear where they stand.
 */
import { ETHIOPIC_BLANK_WOFF2, ETHIOPIC_FONT_FILES } from './ethiopic-font-files.js';

export const ETHIOPIC_FONT_PATH = `/assets/fonts/${ETHIOPIC_FONT_FILES.tigrinya}`;
export const ETHIOPIC_CHOOSER_FONT_PATH = `/assets/fonts/${ETHIOPIC_FONT_FILES.chooser}`;
/** Both, as the site serves them (files of web/ui/fonts/, which the stack deploys to assets/fonts/). */
export const ETHIOPIC_FONTS = [ETHIOPIC_FONT_PATH, ETHIOPIC_CHOOSER_FONT_PATH] as const;
/** The characters of the chooser font (checked against the catalogue by web/ui/ethiopic-fonts.test.ts). */
export const ETHIOPIC_CHOOSER_RANGE = 'U+1208,U+1209,U+1218,U+122D,U+1232,U+1240,U+1260,U+1265,U+1275,U+1293,U+1295,U+129B,U+12A5,U+12DA,U+12E8,U+1308,U+130D,U+133D';
const LOCAL_ETHIOPIC = 'local("Noto Sans Ethiopic"),local("NotoSansEthiopic-Regular"),local("Kefa"),local("Kefa-Regular"),local("Nyala"),local("Abyssinica SIL")';
const SYSTEM_FONTS = 'system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Tahoma,sans-serif';

export const SITE_CSS = `@font-face{font-family:"OpWeg Ethiopic";src:${LOCAL_ETHIOPIC},url(${ETHIOPIC_FONT_PATH}) format("woff2");unicode-range:U+1200-137F;font-display:swap}
@font-face{font-family:"OpWeg Ethiopic Chooser";src:${LOCAL_ETHIOPIC},url(${ETHIOPIC_CHOOSER_FONT_PATH}) format("woff2");unicode-range:${ETHIOPIC_CHOOSER_RANGE};font-display:block}
:root{--ink:#1b1f23;--muted:#4a535c;--accent:#0b5cad;--line:#cfd6dd;--bg:#fbfbf8;--card:#fff;--soft:#e9eff6;--good:#1d6b35;--focus:#f5b700}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;overflow-wrap:break-word;font:1.0625rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",Tahoma,sans-serif;color:var(--ink);background:var(--bg)}
html:not([lang=ti]) [lang=ti]{font-family:"OpWeg Ethiopic Chooser","OpWeg Ethiopic",${SYSTEM_FONTS}}
a{color:var(--accent);text-underline-offset:.15em}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
h1{font-size:1.5rem;line-height:1.25;margin-block:.5rem 1rem}
h2{font-size:1.2rem;margin-block:1.5rem .5rem}
h3{font-size:1.05rem;margin-block:1rem .25rem}
p{margin-block:.5rem}
.skip{position:absolute;inset-inline-start:-999rem}
.skip:focus{inset-inline-start:.5rem;inset-block-start:.5rem;background:var(--card);padding:.5rem;z-index:1}
.top{display:flex;align-items:center;gap:.5rem;padding:.5rem 1rem;background:var(--accent)}
.top a{color:#fff;font-weight:700;font-size:1.2rem;text-decoration:none;display:flex;align-items:center;gap:.4rem}
.crumbs ol{list-style:none;margin:0;padding:.5rem 1rem 0;display:flex;flex-wrap:wrap;gap:.25rem;font-size:.95rem}
.crumbs li+li::before{content:"›";padding-inline-end:.25rem;color:var(--muted)}
main{max-inline-size:46rem;margin-inline:auto;padding:.5rem 1rem 2rem}
.pict{inline-size:1.5em;block-size:1.5em;flex:none;vertical-align:middle;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.big .pict{inline-size:2.5rem;block-size:2.5rem}
.lead{font-size:1.1rem}
.muted,.meta{color:var(--muted)}
.meta{font-size:.95rem;margin:0}
.tiles,.list,.plain,.badges,.langs{list-style:none;margin:0;padding:0}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(11.5rem,1fr));gap:.5rem}
.tiles.groups{grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))}
.tiles a,.tiles .tile{display:flex;align-items:center;gap:.5rem;min-block-size:3rem;padding:.6rem .75rem;background:var(--card);border:1px solid var(--line);border-radius:.5rem;text-decoration:none;font-weight:600;overflow-wrap:anywhere;min-inline-size:0}
.tiles .tile{color:var(--muted);font-weight:400}
.tiles .count{margin-inline-start:auto;font-weight:400;color:var(--muted)}
.langs{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.5rem}
.langs a{display:block;padding:.75rem 1rem;background:var(--card);border:1px solid var(--line);border-radius:.5rem;text-decoration:none}
.langs .name{display:block;font-size:1.3rem;font-weight:700}
.list>li{display:flex;gap:.75rem;padding-block:.75rem;border-block-end:1px solid var(--line)}
.list>li[hidden]{display:none}
.list .pict{margin-block-start:.15rem;color:var(--accent)}
.item{flex:1;min-inline-size:0}
.item>a{font-weight:600;font-size:1.05rem}
.badges{display:flex;flex-wrap:wrap;gap:.3rem;margin-block-start:.3rem}
.badges li{background:var(--soft);border-radius:1rem;padding:.05rem .6rem;font-size:.9rem}
.badges .yes{background:#dcefe1;color:var(--good)}
.section{margin-block-start:1.5rem}
.section h2{display:flex;align-items:center;gap:.5rem}
.facts{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.35rem 1rem;margin:0}
.facts dt{font-weight:600}
.facts dd{margin:0}
.text{white-space:pre-line;overflow-wrap:anywhere}
.box{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;margin-block:1rem}
.note{border-inline-start:4px solid var(--accent)}
.code{font-family:ui-monospace,monospace;font-weight:700;letter-spacing:.08em;user-select:all;-webkit-user-select:all;background:var(--soft);padding:0 .3em;border-radius:.2em}
.closed{border-inline-start:4px solid #a33}
.filters{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.5rem .75rem;margin-block:1rem}
.filters[hidden],.nomatch[hidden],.section[hidden]{display:none}
@media (scripting:enabled){.filters[hidden]{display:block}}
.filters summary{font-weight:600;cursor:pointer;padding-block:.35rem}
.filters .fields{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;padding-block:.5rem}
button{font:inherit;min-block-size:2.5rem;padding:.25rem 1rem;border:0;border-radius:.4rem;background:var(--accent);color:#fff;cursor:pointer}
.filters label{display:flex;flex-direction:column;font-size:.95rem}
.filters .check{flex-direction:row;align-items:center;gap:.4rem}
select,input{font:inherit}
select{min-block-size:2.5rem}
input[type=checkbox]{inline-size:1.25rem;block-size:1.25rem}
.interest{display:flex;flex-direction:column;gap:.35rem;max-inline-size:34rem}
.interest label{font-weight:600;margin-block-start:.5rem}
.interest .check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}
.interest input:not([type=checkbox]):not([type=radio]),.interest textarea,.interest select{font:inherit;padding:.4rem;border:1px solid var(--muted);border-radius:.3rem;min-block-size:2.5rem}
.interest fieldset{border:1px solid var(--line);border-radius:.4rem;margin-block-start:.5rem}
.interest .choices{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.interest button{align-self:flex-start;margin-block-start:.75rem}
.field-error{color:#a33;font-weight:600;margin:0}
.hp{position:absolute;inset-inline-start:-10000px;inline-size:1px;block-size:1px;overflow:hidden}
.reference{font-size:1.6rem;font-weight:700;letter-spacing:.1em;direction:ltr;unicode-bidi:isolate}
footer{border-block-start:1px solid var(--line);padding:1rem;max-inline-size:46rem;margin-inline:auto;font-size:.95rem}
footer ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
footer a{display:inline-block;padding-block:.25rem}
.review{color:var(--muted)}
.qr{inline-size:7.5rem;block-size:7.5rem;flex:none}
.poster .list>li{break-inside:avoid;align-items:center}
.poster .hint{background:var(--soft);padding:.5rem .75rem;border-radius:.5rem}
@media print{
@page{size:A4;margin:12mm}
body{background:#fff;font-size:11pt}
.top,.crumbs,footer,.hint,.skip{display:none}
main{max-inline-size:none;padding:0}
.poster h1{font-size:22pt}
.poster .list{display:grid;grid-template-columns:1fr 1fr;gap:0 6mm}
.qr{inline-size:30mm;block-size:30mm}
a{color:inherit;text-decoration:none}
}
`;

/** The blank twin as the address both the preload and the font face name (one fetch, from the page itself). */
export const ETHIOPIC_BLANK_URL = `data:font/woff2;base64,${ETHIOPIC_BLANK_WOFF2}`;

/**
 * The second inline stylesheet, on Tigrinya pages only (admitted by its own hash). The twin has
 * no kerning, and neither has the Tigrinya font, so their widths are equal
 * (web/ui/ethiopic-fonts.test.ts checks every Tigrinya message). A data: font still loads
 * after the first paint unless the page preloads it: preloaded and `optional`, the browser
 * holds the first paint for it (up to about 100 ms; its 2 KB decode in a few). Were it ever
 * later than that, the page would do without it: boxes until the font comes, as before.
 */
export const ETHIOPIC_CSS = `@font-face{font-family:"OpWeg Ethiopic Blank";src:url(${ETHIOPIC_BLANK_URL}) format("woff2");unicode-range:U+1200-137F;font-display:optional}
html[lang=ti] body{font-family:"OpWeg Ethiopic","OpWeg Ethiopic Blank",${SYSTEM_FONTS}}
`;
