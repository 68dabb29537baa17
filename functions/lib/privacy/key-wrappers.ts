import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';

/** How a record's data key is made and kept wrapped by the master key. */
export type KeyWrapper = {
  /** Which master key wraps (stored beside each wrapped key). */
  id: string;
  generate: (keyId: string) => Promise<{ plain: Buffer; wrapped: Buffer }>;
  unwrap: (keyId: string, wrapped: Buffer) => Promise<Buffer>;
};

/**
 * AWS: KMS makes each data key under the stack's key and only ever returns it wrapped; the record's
 * id is the encryption context, so a wrapped key unwraps only for its own record and CloudTrail
 * names the record on every unwrap (https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html).
 */
export const kmsKeyWrapper = (kms: KMSClient, keyArn: string): KeyWrapper => ({
  id: keyArn,
  generate: async (keyId) => {
    const out = await kms.send(new GenerateDataKeyCommand({ KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: { record: keyId } }));
    if (!out.Plaintext || !out.CiphertextBlob) throw new Error('KMS returned no data key');
    return { plain: Buffer.from(out.Plaintext), wrapped: Buffer.from(out.CiphertextBlob) };
  },
  unwrap: async (keyId, wrapped) => {
    const out = await kms.send(new DecryptCommand({ KeyId: keyArn, CiphertextBlob: wrapped, EncryptionContext: { record: keyId } }));
    if (!out.Plaintext) throw new Error('KMS returned no plaintext');
    return Buffer.from(out.Plaintext);
  },
});

/**
 * One machine: the same envelope under a local 256-bit master key (AES-256-GCM, the record's id as
 * additional data, as KMS binds it by the encryption context). The local stack keeps its master key
 * in its data directory; tests make one per run.
 */
export const localKeyWrapper = (master: Buffer, id = 'local'): KeyWrapper => {
  if (master.length !== 32) throw new Error('the local master key must be 32 bytes');
  return {
    id,
    generate: async (keyId) => {
      const plain = randomBytes(32);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', master, iv);
      cipher.setAAD(Buffer.from(keyId));
      const wrapped = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { plain, wrapped };
    },
    unwrap: async (keyId, wrapped) => {
      const decipher = createDecipheriv('aes-256-gcm', master, wrapped.subarray(0, 12));
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(wrapped.subarray(wrapped.length - 16));
      return Buffer.concat([decipher.update(wrapped.subarray(12, wrapped.length - 16)), decipher.final()]);
    },
  };
};
