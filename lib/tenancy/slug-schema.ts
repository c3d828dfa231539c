import { z } from "zod";
import { slugProblem } from "./slug";

/** An organization's web address as the server accepts it: trimmed, lower-cased, then slugProblem decides. */
export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((slug, ctx) => {
    const problem = slugProblem(slug);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
