import { FlatCompat } from "@eslint/eslintrc";
import prettier from "eslint-config-prettier";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";
import { clientBundle, patientBundle } from "./eslint-rules/client-bundle-boundaries.mjs";
import noServerImportInClient from "./eslint-rules/no-server-import-in-client.mjs";

const compat = new FlatCompat({ baseDirectory: import.meta.dirname });

// What the browser must never download, however indirectly a client component imports it
// (docs/benchmarks.md, "Page weight", has the sizes this keeps).
const notForTheBrowser = [
  { pattern: "^zod(/|$)", message: "zod schemas validate on the server: share plain constants and types with the browser instead." },
  { pattern: "^lib/.+/schemas\\.ts$", message: "Schemas are for the server: move what the browser needs into a plain module beside them." },
  { pattern: "^temporal-polyfill$", message: "The browser uses lib/time/wall-clock; Temporal stays on the server." },
  { pattern: "^lib/api/openapi\\.ts$", message: "The OpenAPI document is built on the server." },
  {
    pattern: "^(drizzle-orm|postgres|pino|nodemailer|ics|csv-parse|otpauth|qrcode|lru-cache)(/|$)|^@node-rs/|^@electric-sql/",
    message: "A server library.",
  },
  { pattern: "^next-auth(/(?!react$).*)?$", message: "next-auth's server side: the browser uses next-auth/react only." },
];
// Patient pages (booking, managing a visit, the waiting list, e-mail confirmation) and what every
// page shares carry no staff code and no session code.
const staffOnly = [
  {
    pattern: "^components/(shell|staff|settings)/|^app/org/\\[org\\]/\\(staff\\)/",
    message: "Staff-only code stays out of patient pages.",
  },
  { pattern: "^components/ui/toast\\.tsx$", message: "Toasts are provided by the staff layout." },
];
const sessionCode = {
  pattern: "^next-auth/react$",
  message: "Patient pages need no session: wrap only the staff parts that do (components/auth/session-boundary.tsx).",
};

export default tseslint.config(
  { ignores: [".next/**", "**/.next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...compat.extends("next/core-web-vitals", "next/typescript"),
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Type-aware: a forgotten await or a promise handed to an event prop is a silent bug.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    plugins: { drizzle },
    rules: {
      // Repositories name their transaction `tx`; the pool is never used directly outside lib/db.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["tx", "db"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["tx", "db"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Configuration is read in one place, validated once (lib/config/env.ts).
    files: ["app/**", "components/**", "lib/**", "middleware.ts"],
    ignores: ["lib/config/env.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through config() from @/lib/config/env." },
      ],
    },
  },
  // The layers (docs/architecture.md): pages and actions → services → repositories → lib/db.
  {
    files: ["app/**", "components/**", "middleware.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/lib/db(/(client|tenant|index))?$",
              allowTypeImports: true,
              message: "Pages, actions and route handlers reach data through services and the pipeline (lib/pipeline).",
            },
            {
              group: ["@/lib/**/repository", "@/lib/**/*-repository"],
              allowTypeImports: true,
              message: "Repositories are for services; call the feature's service instead.",
            },
            {
              group: ["next/headers", "@/lib/auth/session"],
              message: "The request and the session are read by the pipeline (lib/pipeline), not by pages or components.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**"],
    ignores: ["lib/db/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/db/client"], message: "Only lib/db touches the pool; use withTenant or withPlatform." },
            { group: ["@/app/*", "@/components/*"], message: "lib/ is below app/ and components/." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**"],
    ignores: ["lib/db/**", "lib/pipeline/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/db/client"], message: "Only lib/db touches the pool; use withTenant or withPlatform." },
            { group: ["@/app/*", "@/components/*"], message: "lib/ is below app/ and components/." },
            {
              group: ["@/lib/pipeline/*", "!@/lib/pipeline/action-result"],
              allowTypeImports: true,
              message: "Services sit below the request pipeline; the pipeline calls them, not the other way round.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/repository.ts", "lib/**/*-repository.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/db/client"], message: "Only lib/db touches the pool; use withTenant or withPlatform." },
            {
              group: ["@/lib/**/service", "@/lib/administration/*", "@/lib/pipeline/*"],
              allowTypeImports: true,
              message: "Repositories are the bottom layer: they use lib/db and nothing above it.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^@/lib/db(/(client|tenant|index))?$", allowTypeImports: true, message: "Components get data from actions or pages." },
            {
              group: ["@/lib/**/repository", "@/lib/**/*-repository"],
              allowTypeImports: true,
              message: "Components get data from actions or pages.",
            },
            { group: ["next/headers", "@/lib/auth/session"], message: "The request and the session are read by the pipeline." },
            { group: ["@/app/*"], message: "Shared components do not depend on routes; move the component beside its route." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.tsx", "components/**/*.tsx", "app/**/*.ts", "components/**/*.ts"],
    plugins: {
      agentcare: {
        rules: { "no-server-import-in-client": noServerImportInClient, "client-bundle": clientBundle, "patient-bundle": patientBundle },
      },
    },
    rules: {
      "agentcare/no-server-import-in-client": "error",
      "agentcare/client-bundle": ["error", { forbid: notForTheBrowser }],
    },
  },
  {
    files: [
      "app/layout.tsx",
      "app/org/[[]org]/layout.tsx",
      "app/org/[[]org]/page.tsx",
      "app/org/[[]org]/book/**",
      "app/org/[[]org]/appointments/**",
      "app/org/[[]org]/waitlist/**",
      "app/org/[[]org]/confirm-email/**",
      "components/providers/**",
      "components/scheduling/**",
    ],
    rules: { "agentcare/patient-bundle": ["error", { forbid: [...staffOnly, sessionCode] }] },
  },
  {
    // Signing in uses next-auth/react's signIn, and nothing of the staff pages.
    files: ["app/org/[[]org]/sign-in/**", "app/(platform)/sign-in/**", "components/auth/sign-in-form.tsx"],
    rules: { "agentcare/patient-bundle": ["error", { forbid: staffOnly }] },
  },
  prettier,
);
