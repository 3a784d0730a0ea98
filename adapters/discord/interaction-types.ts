/** The parts of a Discord interaction we read (gateway and HTTP deliver the same JSON). */
export interface Interaction {
  id: string;
  application_id: string;
  type: number;
  token: string;
  locale?: string;
  data?: {
    name: string;
    options?: { name: string; value: string | number; focused?: boolean }[];
    /** Message components (type 3) */ custom_id?: string;
  };
  member?: { user: { id: string } };
  user?: { id: string };
}

export type InteractionResponse =
  | { type: 1 }
  | { type: 4; data: { content: string; flags?: number } }
  | { type: 5; data?: { flags: number } }
  | { type: 8; data: { choices: { name: string; value: string }[] } };
