"use client";

import { SETTINGS_SECTIONS } from "@/components/settings/sections";
import { NavLinks } from "@/components/shell/nav-links";

export function SettingsNav() {
  return <NavLinks label="Settings" items={SETTINGS_SECTIONS} className="-mx-4 px-4 md:mx-0 md:px-0" listClassName="md:flex-col" />;
}
