import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Organization } from '@federa/contract';
import { exportPrivateKeyPem, exportPublicKeyPem, generateKeyPair, keyId } from '@federa/crypto';
import { action } from '../context';
import { publishedKeyId } from '../encryption';
import { CliError, EXIT, usageError } from '../errors';

interface KeyGenerateOptions {
  out: string;
  publish?: boolean;
  force?: boolean;
}

export function registerKey(program: Command): void {
  const group = program
    .command('key')
    .summary('your organization’s key pair for encrypted collaborations')
    .addHelpText('after', '\nExample:\n  $ federa key generate --out hospital-a.pem --publish');

  group
    .command('generate')
    .summary('create an organization key pair; --publish uploads its public key')
    .description(
      'Create a key pair for end-to-end encryption and write the private key (PKCS#8 PEM) to\n' +
        'FILE, readable by you only (0600); it never leaves this machine and is never\n' +
        'overwritten. Give it to your organization’s nodes (encryption.private_key) and use it\n' +
        'to read results (--private-key). With --publish the public key becomes your\n' +
        'organization’s (organization admins); a different key already published is replaced\n' +
        'only with --force, because what was encrypted for it becomes unreadable.',
    )
    .requiredOption('--out <file>', 'where to write the private key')
    .option('--publish', 'upload the public key as your organization’s')
    .option('--force', 'with --publish: replace a different public key already published')
    .addHelpText(
      'after',
      `
Examples:
  $ federa key generate --out ~/.federa/hospital-a.pem --publish
  $ federa key generate --out new.pem --publish --force   # replaces the organization's key`,
    )
    .action(
      action<KeyGenerateOptions>(async (ctx, options) => {
        const file = path.resolve(options.out);
        if (fs.existsSync(file)) {
          throw usageError(`${file} exists: a private key file is never overwritten`);
        }
        let organization: Organization | undefined;
        if (options.publish) {
          const session = ctx.session();
          const me = await session.call((api) => api.users.me());
          organization = await session.call((api) =>
            api.organizations.get({ params: { id: me.organization_id } }),
          );
          // Checked before a key is made: a refusal leaves nothing behind.
          if (organization.public_key && !options.force) {
            throw new CliError(EXIT.error, {
              statusCode: 0,
              error: 'conflict',
              message: `organization ${organization.id} ("${organization.name}") has published a public key already (key id ${await publishedKeyId(organization.public_key)}). Replacing it makes what was encrypted for it unreadable and its nodes need the new private key: pass --force to replace it`,
            });
          }
        }
        const pair = await generateKeyPair();
        const id = await keyId(pair.publicKey);
        fs.writeFileSync(file, await exportPrivateKeyPem(pair.privateKey), {
          mode: 0o600,
          flag: 'wx',
        });
        if (organization) {
          const publicKey = await exportPublicKeyPem(pair.publicKey);
          const { id: orgId } = organization;
          await ctx
            .session()
            .call((api) =>
              api.organizations.update({ params: { id: orgId }, body: { public_key: publicKey } }),
            );
        }
        await ctx.out.result(
          { private_key_file: file, key_id: id, published_for: organization?.id ?? null },
          () => {
            ctx.out.line(`Private key written to ${file} (key id ${id}). Keep it safe.`);
            ctx.out.line(
              organization
                ? `Published as the public key of organization ${organization.id} ("${organization.name}").`
                : 'Not published: publish it with a node (encryption.private_key) or --publish.',
            );
          },
        );
      }),
    );
}
