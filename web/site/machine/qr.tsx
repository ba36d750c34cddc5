import QRCode from 'qrcode';

const cache = new Map<string, { size: number; d: string }>();

/**
 * The QR matrix of `text` (qrcode's BitMatrix is get(row, column)) as one SVG path of horizontal
 * runs, stroked one module thick along each row's middle: `M{x} {y}.5h{run}` for a row's first
 * run, `m{gap} 0h{run}` for the next (the form qrcode's own SVG uses). A poster carries one code
 * per listing, and their cells do not compress: the short form keeps the poster in one round trip.
 */
function qrPath(text: string) {
  let hit = cache.get(text);
  if (hit) return hit;
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    let end = -1;
    for (let x = 0; x < n; ) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < n && modules.get(y, x + run)) run++;
      d += end < 0 ? `M${x} ${y}.5h${run}` : `m${x - end} 0h${run}`;
      x += run;
      end = x;
    }
  }
  hit = { size: n, d };
  if (cache.size > 5000) cache.clear();
  cache.set(text, hit);
  return hit;
}

/**
 * A QR code as inline SVG, drawn from the matrix the `qrcode` package computes (so no markup
 * from a library goes into the page unescaped). A quiet zone of 2 modules.
 */
export function QrCode(p: { text: string; label: string }) {
  const { size, d } = qrPath(p.text);
  return (
    <svg class="qr" viewBox={`-2 -2 ${size + 4} ${size + 4}`} role="img" aria-label={p.label} shape-rendering="crispEdges">
      <rect x="-2" y="-2" width={size + 4} height={size + 4} fill="#fff" />
      <path d={d} stroke="#000" />
    </svg>
  );
}
