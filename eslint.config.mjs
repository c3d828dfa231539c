import { FlatCompat } from "@eslint/eslintrc";
import prettier from "eslint-config-prettier";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

const compat = new FlatCompat({ baseDirectory: import.meta.dirname });

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
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
  prettier,
);
