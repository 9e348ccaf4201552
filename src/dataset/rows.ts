/**
 * One line of an AIPerf `single_turn` custom dataset (`aiperf profile --custom-dataset-type single_turn`).
 * Field names and meaning are AIPerf's (`SingleTurn` model of `aiperf.dataset.loader.models`); rows sharing a
 * `session_id` are sent one after the other, in file order, each self-contained (no history accumulation).
 */
export interface SingleTurnRow {
  /**
   * Session of the row (`user_<n>`); AIPerf issues a session's rows in file order.
   * @default - no session: AIPerf gives the row a session of its own
   */
  readonly session_id?: string;
  /** The user prompt. */
  readonly text: string;
  /** Images as `data:image/...;base64,...` URLs. */
  readonly images: readonly string[];
  /**
   * Cache UUIDs aligned 1:1 with `images` (vLLM extension; `aiperf --uuid-and-strip`).
   * @default - none
   */
  readonly image_uuids?: readonly string[];
}

/** One line of a Mooncake trace as this project requires it (AIPerf `mooncake_trace`, fixed schedule). */
export interface MooncakeTraceRow {
  /** Arrival time in milliseconds from the trace start; non-decreasing along the file. */
  readonly timestamp: number;
  /** Prompt length in tokens. */
  readonly input_length: number;
  /** Output length in tokens. */
  readonly output_length: number;
  /** Ids of the prompt's blocks (equal ids, equal content: the prefix-sharing structure). */
  readonly hash_ids: readonly number[];
}
