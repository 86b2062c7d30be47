// Joins class names, skipping falsy ones. Primitives accept a `className` to place them in a layout
// (margins, width), never to restyle them.
export function cn(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}
