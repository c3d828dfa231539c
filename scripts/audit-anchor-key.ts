// npm run audit:anchor-key — a new Ed25519 key for signing audit anchors: prints the line to put in
// the environment (AUDIT_ANCHOR_KEY, a 32-byte seed in base64) and the public key an auditor checks
// anchors with. With `-- --public`, prints only the public key of the configured AUDIT_ANCHOR_KEY.
import { generateKeyPairSync } from "node:crypto";
import { anchorKeyId, anchorPrivateKey, publicKeyOf, publicKeyPem } from "@/lib/audit/anchor";

function main() {
  if (process.argv.includes("--public")) {
    const configured = process.env.AUDIT_ANCHOR_KEY;
    if (!configured) throw new Error("AUDIT_ANCHOR_KEY is not set");
    process.stdout.write(publicKeyPem(publicKeyOf(anchorPrivateKey(configured))));
    return;
  }
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const seed = Buffer.from(privateKey.export({ format: "jwk" }).d!, "base64url").toString("base64");
  console.log("# Keep this secret, outside the database (a secret store); the server and workers sign with it:");
  console.log(`AUDIT_ANCHOR_KEY=${seed}`);
  console.log(`# Key id ${anchorKeyId(publicKey)}. Give auditors the public key (npm run audit:verify -- --public-key <file>):`);
  process.stdout.write(publicKeyPem(publicKey));
}

try {
  main();
} catch (err) {
  console.error("audit:anchor-key failed:", (err as Error).message);
  process.exitCode = 2;
}
