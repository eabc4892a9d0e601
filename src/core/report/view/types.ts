// The report as a plain view tree: sections of paragraphs, lists, tables and placeholders, built once from the
// report model (buildReportView) or from one analyzer result (buildAnswerView) and turned into HTML text
// (toHtml), DOM nodes (webview/shared/viewToDom) or markdown (toMarkdown). JSON only (no functions, no markup):
// every string is data that each back-end escapes for where it goes, so the faces cannot drift apart.

/** Badge tones: severities, verdicts, `health-<health>`; the stylesheets colour `badge-<tone>`. */
export type Tone = string;

/** A piece of running text. A bare string is plain text. */
export type Inline =
  | string
  | { kind: 'strong'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'badge'; tone: Tone; text: string }
  /** Muted or marked-up text: `note` (aside), `where` (category · member), `headline` (the diagnosis line). */
  | { kind: 'span'; role: 'note' | 'where' | 'headline'; text: string }
  /** A link to an anchor inside the same report (`target` holds only [A-Za-z0-9_-], see anchorId). */
  | { kind: 'link'; target: string; text: string }
  | { kind: 'mark'; mark: 'leader' | 'outlier' };

/** Extra data-* attributes (HTML/DOM only; tests and stylesheets select on them). Keys are ours, values data. */
export type DataAttrs = Record<string, string>;

export interface ListItem {
  runs: Inline[];
  children?: Block[];
  /** Folded by default where the medium can fold (the dashboard's narrow sidebar). */
  collapsible?: boolean;
  data?: DataAttrs;
}

export interface Cell {
  text: string;
  /** Right-aligned number. */
  numeric?: boolean;
  /** A verdict shown as a badge instead of plain text. */
  badge?: Tone;
  /** Coloured by verdict (`verdict-<status>`), with an outlier mark and tooltip when `outlier`. */
  status?: string;
  outlier?: boolean;
}

export interface TableRow {
  /** A row header (`<th scope="row">`): the member name with its marks. */
  header?: Inline[];
  cells: Cell[];
  data?: DataAttrs;
}

export type Block =
  | { kind: 'paragraph'; runs: Inline[]; role?: string; data?: DataAttrs }
  /** A sub-heading inside a section (level 3 by default; the answer uses 3 for its title and 4 below). */
  | { kind: 'heading'; text: string; level?: 3 | 4 }
  | { kind: 'list'; ordered: boolean; items: ListItem[]; role?: string }
  | { kind: 'table'; columns: string[]; rows: TableRow[] }
  /** The diagnosis: the verdict badge and the one line naming cause, member and evidence. */
  | { kind: 'callout'; health: string; text: string }
  | { kind: 'keyValue'; items: { key: string; value: string }[] }
  /** Chart placeholders, drawn by the chart code (webview/shared/charts.ts) from the model's ChartSpec of that id. */
  | { kind: 'charts'; charts: { id: string; title: string; hasData: boolean }[] }
  /** A titled card (one finding): `anchor` is its link target. */
  | { kind: 'card'; heading: Inline[]; anchor?: string; role?: string; data?: DataAttrs; children: Block[] }
  | { kind: 'group'; role: string; data?: DataAttrs; children: Block[] };

export interface Section {
  /** Ours (constant): element id, table-of-contents target, test hook. */
  id: string;
  title: string;
  children: Block[];
}

export interface ReportView {
  title: string;
  /** Cluster, profile, range, versions: the header's key-value list (`field` is the data-field hook). */
  meta: { key: string; field: string; value: string }[];
  toc: { id: string; title: string }[];
  sections: Section[];
}

/** The lean answer (chat, LM tools, MCP text, CLI markdown): blocks in reading order, diagnosis first. */
export interface AnswerView {
  blocks: Block[];
}
