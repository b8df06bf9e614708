import fs from 'node:fs';
import path from 'node:path';

/**
 * ADR — how a campaign send survives kill -9 without a database round trip per message.
 *
 * Context. SMTP moves responsibility for a message to the server exactly when the client reads the final 250 after
 * DATA (RFC 5321 §4.1.1.4, §6.1). Before that moment the message is not sent; after it, it must not be sent again.
 * Writing `status = 'sent'` to PostgreSQL for every message at that moment costs a round trip per message, which
 * caps a send far below what the SMTP server accepts.
 *
 * Decision. Each campaign has a journal directory (`<dataDir>/mail-journal/<workspace>.<campaign>/`) of append-only
 * segment files, one per batch. The moment a 250 is read, the message's id is appended to its batch's segment with
 * `fs.writeSync` — a system call that puts the bytes in the kernel's page cache before it returns, so they survive the
 * death of the process (kill -9, the OOM killer, a crash), though not the death of the machine. When a batch is done,
 * its outcome is folded into the database in one transaction (`queued` → `sent`, plus the 'sent' events and timeline
 * entries) and only then is its segment deleted; later batches are already being sent meanwhile (one segment per
 * batch is what lets a fold, a batch's last answers and the next batch overlap). On start, before anything is sent, a
 * runner folds every segment a dead predecessor left; any message still `queued` was never acknowledged by the server
 * and is sent again.
 *
 * Residual windows, honestly:
 * 1. The server accepted a message (sent its 250) but the process died before it read the reply, or between reading
 *    it and the `writeSync` (microseconds). The server has the message; we resend it: a duplicate. This is SMTP's own
 *    window (RFC 1047) and no client can close it; it concerns only the messages in flight at the instant of death
 *    (bounded by the send concurrency) whose 250 was on the wire at that instant.
 * 2. The machine itself loses power or the kernel panics after a `writeSync` but before the page cache reaches the
 *    disk: those journal lines are lost and the acknowledged messages of the (at most three) unfolded batches are sent
 *    again. An `fsync` per message would close this at the cost the journal exists to avoid.
 * 3. The journal is local to the machine. A send resumed on another worker machine does not see it and resends the
 *    acknowledged-but-unfolded messages (at most three batches). Put `FREEHOLD_DATA_DIR` on shared storage, or keep
 *    campaign sends on one worker, to close this.
 * 4. A send that timed out on our side may still be accepted later: its late 250 goes to a separate "late" segment
 *    that is folded before any message is retried in the same run, and by the next run otherwise.
 * Nobody is ever skipped: a message leaves `queued` only for `sent` (journal or fold), `failed` (the server refused it
 * permanently, or kept refusing it for three passes) or `skipped` (blocked at send time, or cancelled, with the reason).
 */
const LINE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) (\d+)$/;

/** One batch's segment: the ids whose 250 was read, one line each. */
export class JournalSegment {
  private fd: number | null;
  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'a');
  }

  /** Called the moment a 250 is read. Synchronous on purpose: when it returns, the line outlives the process. */
  accepted(messageId: string, at: number): void {
    if (this.fd === null) throw new Error(`journal segment ${this.file} is closed`);
    fs.writeSync(this.fd, `${messageId} ${at}\n`);
  }

  /** After the database holds everything this segment said. */
  discard(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    fs.rmSync(this.file, { force: true });
  }
}

export class SendJournal {
  private seq = 0;
  private lateSegment: JournalSegment | null = null;

  private constructor(readonly dir: string) {}

  static open(dataDir: string, workspaceId: string, campaignId: string): SendJournal {
    const dir = path.join(dataDir, 'mail-journal', `${workspaceId}.${campaignId}`);
    fs.mkdirSync(dir, { recursive: true });
    return new SendJournal(dir);
  }

  /** A fresh segment for the next batch (names carry the pid: two runs never share a file). */
  segment(): JournalSegment {
    this.seq += 1;
    return new JournalSegment(path.join(this.dir, `${process.pid}-${Date.now()}-${this.seq}.log`));
  }

  /** Where the late 250s of timed-out sends go (kept until the next `foldable()` pass). */
  late(): JournalSegment {
    this.lateSegment ??= new JournalSegment(path.join(this.dir, `${process.pid}-${Date.now()}-late.log`));
    return this.lateSegment;
  }

  /**
   * Everything recorded and not yet folded: message id → when its 250 was read, with a `done` that deletes those
   * files once the database has them. Call only while no send is in flight. A torn last line (the process died inside
   * the write) is ignored — that 250 was never recorded, so the message counts as unacknowledged.
   */
  foldable(): { accepted: Map<string, Date>; done: () => void } {
    const files = fs.existsSync(this.dir) ? fs.readdirSync(this.dir).filter((f) => f.endsWith('.log')) : [];
    const accepted = new Map<string, Date>();
    for (const f of files) {
      for (const l of fs.readFileSync(path.join(this.dir, f), 'utf8').split('\n')) {
        const m = LINE.exec(l);
        if (m) accepted.set(m[1] as string, new Date(Number(m[2])));
      }
    }
    const late = this.lateSegment;
    this.lateSegment = null;
    return {
      accepted,
      done: () => {
        late?.discard();
        for (const f of files) fs.rmSync(path.join(this.dir, f), { force: true });
      },
    };
  }

  /** Removes the campaign's directory when no segment is left in it (a finished or paused send). */
  dropIfEmpty(): void {
    try {
      fs.rmdirSync(this.dir);
    } catch {
      // Not empty (a late segment, or a segment a fold could not delete): the next run folds it.
    }
  }
}
