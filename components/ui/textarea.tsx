import { forwardRef, type TextareaHTMLAttributes } from "react";
import { cn } from "./cn";
import { fieldClasses } from "./input";

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(function Textarea(
  { className, rows = 3, ...props },
  ref,
) {
  return <textarea ref={ref} rows={rows} className={cn(fieldClasses, "resize-y", className)} {...props} />;
});
