import { randomBytes } from 'node:crypto';
import { objectId } from './store.js';
import type { Call, Participant, Room, Store } from './store.js';

/**
 * What the stand-in remembers after a call: who was in it and when (from the links it issued and
 * the room pages it served), its cloud recordings and their download links. The API's records and
 * analytics routes read it; the room routes feed it.
 */

export interface Presence {
  sessionId: string;
  name: string;
  role: string;
  /** From the generate-access link the participant came with. */
  externalUserId?: string;
  joinedAt: number;
  leftAt?: number;
  /** The live participant, for its last poll when a closed tab is swept. */
  participant: Participant;
}

export interface CallRecordState {
  id: string;
  roomId: string;
  spaceId: string;
  callId: string;
  name: string;
  fileSize: number;
  state: 'started' | 'finished';
  createdAt: number;
  startedAt: number;
  finishedAt?: number;
}

export interface PastCall {
  id: string;
  roomId: string;
  spaceId: string;
  roomType: string;
  startedAt: number;
  finishedAt: number;
  presence: Presence[];
}

export interface HistorySettings {
  /** The report answers 404 "not ready" until this long after the call finished. */
  reportDelayMs: number;
  /** `call_started`/`call_finished` deliveries carry callId (the connector spec) or not (the export guide). */
  callIdInCallEvents: boolean;
  /** The download endpoint answers with the documented text URL, or with a 302 to it. */
  recordDownload: 'text' | 'redirect';
}

/** A placeholder "video": an MP4 `ftyp` box, enough for a browser to see an mp4 download. */
export const PLACEHOLDER_MP4 = Buffer.from([
  0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0x00, 0x00, 0x02, 0x00, 0x69, 0x73, 0x6f, 0x6d, 0x6d, 0x70, 0x34, 0x31,
]);

const LINK_TTL_MS = 24 * 60 * 60 * 1000;

export function personKey(presence: Pick<Presence, 'externalUserId' | 'name'>): string {
  return presence.externalUserId !== undefined ? `id:${presence.externalUserId}` : `name:${presence.name}`;
}

export class CallHistory {
  readonly past: PastCall[] = [];
  readonly records: CallRecordState[] = [];
  private readonly live = new Map<string, { call: Call; room: Room; presence: Presence[] }>();
  private readonly links = new Map<string, { recordId: string; expiresAt: number }>();

  constructor(
    private readonly store: Store,
    readonly settings: HistorySettings,
  ) {}

  private get now(): number {
    return this.store.now();
  }

  joined(room: Room, call: Call, participant: Participant, externalUserId: string | undefined): void {
    let entry = this.live.get(call.id);
    if (!entry) {
      entry = { call, room, presence: [] };
      this.live.set(call.id, entry);
    }
    const presence: Presence = { sessionId: participant.sessionId, name: participant.name, role: participant.role, joinedAt: this.now, participant };
    if (externalUserId !== undefined) presence.externalUserId = externalUserId;
    entry.presence.push(presence);
  }

  left(call: Call, sessionId: string): void {
    const presence = this.live.get(call.id)?.presence.find((p) => p.sessionId === sessionId && p.leftAt === undefined);
    if (presence) presence.leftAt = this.now;
  }

  /** Participants the store dropped for not polling left at their last poll. */
  reconcile(): void {
    for (const { call, presence } of this.live.values()) {
      for (const p of presence) {
        if (p.leftAt === undefined && !call.participants.has(p.sessionId)) p.leftAt = p.participant.lastSeen;
      }
    }
  }

  /** Closes the call: everyone still in leaves now, a running recording stops (returned). */
  finish(call: Call): { past: PastCall | null; stoppedRecord: CallRecordState | null } {
    const entry = this.live.get(call.id);
    if (!entry) return { past: null, stoppedRecord: null };
    this.live.delete(call.id);
    const finishedAt = this.now;
    for (const p of entry.presence) p.leftAt ??= finishedAt;
    const past: PastCall = {
      id: call.id,
      roomId: entry.room.id,
      spaceId: entry.room.spaceId,
      roomType: entry.room.type,
      startedAt: call.startedAt,
      finishedAt,
      presence: entry.presence,
    };
    this.past.push(past);
    return { past, stoppedRecord: this.stopRecording(call.id) };
  }

  recordingOf(callId: string): CallRecordState | undefined {
    return this.records.find((record) => record.callId === callId && record.state === 'started');
  }

  startRecording(room: Room, call: Call): CallRecordState | null {
    if (this.recordingOf(call.id)) return null;
    const at = this.now;
    const record: CallRecordState = {
      id: objectId(at),
      roomId: room.id,
      spaceId: room.spaceId,
      callId: call.id,
      name: `${room.name} ${new Date(at).toISOString()}`,
      fileSize: PLACEHOLDER_MP4.length,
      state: 'started',
      createdAt: at,
      startedAt: at,
    };
    this.records.push(record);
    return record;
  }

  stopRecording(callId: string): CallRecordState | null {
    const record = this.recordingOf(callId);
    if (!record) return null;
    record.state = 'finished';
    record.finishedAt = this.now;
    return record;
  }

  /** A new download link token for a finished recording, valid 24 h as documented. */
  issueLink(recordId: string): string {
    const token = randomBytes(18).toString('base64url');
    this.links.set(token, { recordId, expiresAt: this.now + LINK_TTL_MS });
    return token;
  }

  /** The record a link token points at; `expired` once its 24 h are over. */
  redeemLink(token: string): CallRecordState | 'expired' | null {
    const link = this.links.get(token);
    if (!link) return null;
    if (this.now >= link.expiresAt) return 'expired';
    return this.records.find((record) => record.id === link.recordId) ?? null;
  }

  /** Whether the report of a past call is built yet. */
  reportReady(call: PastCall): boolean {
    return this.now >= call.finishedAt + this.settings.reportDelayMs;
  }
}
