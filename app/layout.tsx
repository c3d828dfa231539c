import type { Metadata } from "next";
import { config } from "@/lib/config/env";
import "./globals.css";

// Every page is rendered per request, so Next can put that response's CSP nonce on its scripts.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  // Every hospital's site is under the platform's domain; the preview image is served there.
  metadataBase: new URL(`${config().publicUrlScheme}://${config().rootDomain}`),
  title: { default: "AgentCare", template: "%s · AgentCare" },
  description: "Scheduling for hospitals and clinics",
  icons: { icon: "/icon.svg" },
  openGraph: {
    title: "AgentCare",
    description: "Scheduling for hospitals and clinics: online booking, clinicians' days and front desks, each hospital on its own site.",
    images: [{ url: "/og-image.png", width: 1200, height: 630, alt: "AgentCare — scheduling for hospitals and clinics" }],
  },
  twitter: { card: "summary_large_image", images: ["/og-image.png"] },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
