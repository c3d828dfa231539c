import { textColorOn } from "@/lib/branding/contrast";

type Branding = { displayName: string; logoUrl: string | null; primaryColor: string };

export function BrandMark({ branding, size = "md" }: { branding: Branding; size?: "md" | "lg" }) {
  const box = size === "lg" ? "h-12 w-12 text-xl" : "h-8 w-8 text-sm";
  if (branding.logoUrl) {
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={branding.logoUrl} alt="" className={`${box} shrink-0 rounded-md object-contain`} />;
  }
  return (
    <span
      aria-hidden
      className={`${box} flex shrink-0 items-center justify-center rounded-md font-bold`}
      style={{ background: branding.primaryColor, color: textColorOn(branding.primaryColor) }}
    >
      {branding.displayName.slice(0, 1)}
    </span>
  );
}
