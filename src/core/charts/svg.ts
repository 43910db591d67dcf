import { BACKGROUND, FONT_FAMILY, TEXT_COLOR } from "./palette.js";

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/**
 * Makes any string safe as SVG text or attribute value: the five XML entities are escaped, and control
 * characters (which XML 1.0 forbids, and which would make the renderer reject the document) become spaces.
 */
export function escapeXml(text: string): string {
  return text.replace(/\p{Cc}/gu, " ").replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A coordinate or length, to one decimal: keeps the markup short and stable. */
export const num = (n: number): string => String(Math.round(n * 10) / 10);

type AttrValue = string | number | undefined;

/** One element; attribute values are escaped, `children` must already be markup. */
export function el(tag: string, attrs: Readonly<Record<string, AttrValue>>, children = ""): string {
  const list = Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === "number" ? num(v) : escapeXml(v)}"`)
    .join("");
  return children === "" ? `<${tag}${list}/>` : `<${tag}${list}>${children}</${tag}>`;
}

export interface TextStyle {
  size?: number;
  color?: string;
  anchor?: "start" | "middle" | "end";
  weight?: "normal" | "bold";
}

/** A line of text; the content is escaped. */
export function text(x: number, y: number, content: string, style: TextStyle = {}): string {
  return el(
    "text",
    {
      x,
      y,
      "font-size": style.size ?? 12,
      "font-weight": style.weight === "bold" ? "bold" : undefined,
      fill: style.color ?? TEXT_COLOR,
      "text-anchor": style.anchor ?? "start",
    },
    escapeXml(content),
  );
}

/** A whole SVG document on the chart background. */
export function svgDocument(width: number, height: number, label: string, body: string): string {
  return el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width,
      height,
      viewBox: `0 0 ${num(width)} ${num(height)}`,
      role: "img",
      "aria-label": label,
      "font-family": FONT_FAMILY,
    },
    el("rect", { x: 0, y: 0, width, height, fill: BACKGROUND }) + body,
  );
}
