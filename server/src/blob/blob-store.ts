import type { Readable } from 'node:stream';

/** A blob written to temporary storage, hashed, not yet visible under its address. */
export interface StagedBlob {
  readonly sha256: string;
  readonly size: number;
  /** Moves the blob to its content address. `created` is false when the same content was already stored. */
  commit(): Promise<{ created: boolean }>;
  /** Reads the staged content back (before commit), e.g. to parse an uploaded mail. */
  read(): Readable;
  /** The staged file on local disk, for readers that need random access (Outlook .msg). */
  readonly localPath?: string;
  /** Removes the temporary file (no-op after commit). */
  discard(): Promise<void>;
}

/**
 * Content-addressed document storage. The file system store is the default; the interface
 * is the seam for an S3-compatible store (stage = multipart upload to a temp key,
 * commit = copy to the sha256 key).
 */
export interface BlobStore {
  /** Streams `source` into temporary storage while hashing it. Throws when over `maxBytes`. */
  stage(source: Readable, opts?: { maxBytes?: number }): Promise<StagedBlob>;
  /** Opens a stored blob after verifying its checksum; throws checksum_mismatch when it differs. */
  open(sha256: string): Promise<{ stream: Readable; size: number }>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
}
