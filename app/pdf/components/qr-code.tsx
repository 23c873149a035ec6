import { Path, Svg } from "@react-pdf/renderer";
import QRCode from "qrcode";

const QUIET = 2;

/**
 * The QR matrix of `text` as one SVG path: each run of dark modules in a row is one rectangle.
 * Drawn as vectors, so it stays sharp when printed and needs no image or network.
 */
export function qrPath(text: string): { path: string; size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = modules.size;
  let path = "";
  for (let y = 0; y < n; y += 1) {
    let x = 0;
    while (x < n) {
      if (!modules.get(y, x)) {
        x += 1;
        continue;
      }
      let run = 1;
      while (x + run < n && modules.get(y, x + run)) run += 1;
      path += `M${x + QUIET} ${y + QUIET}h${run}v1h-${run}z`;
      x += run;
    }
  }
  return { path, size: n + QUIET * 2 };
}

/** A QR code drawn from a path made once by `qrPath` (the footer repeats it on every page). */
export function QrCode({ qr, size, color = "#000000" }: { qr: { path: string; size: number }; size: number; color?: string }) {
  return (
    <Svg width={size} height={size} viewBox={`0 0 ${qr.size} ${qr.size}`}>
      <Path d={qr.path} fill={color} />
    </Svg>
  );
}
