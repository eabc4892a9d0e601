// Small constructors for view nodes and the plain-text pieces more than one section uses (times, anchors, badges
// of severities and verdicts), so every section spells them the same way.
import type { Block, Cell, Inline, Section } from './types';

export function section(id: string, title: string, ...children: (Block | null | undefined | false)[]): Section {
  return { id, title, children: children.filter((c): c is Block => !!c) };
}

export function para(runs: Inline[] | string, role?: string): Block {
  return { kind: 'paragraph', runs: typeof runs === 'string' ? [runs] : runs, ...(role ? { role } : {}) };
}

/** The "nothing here" line of a section. */
export function empty(text: string): Block {
  return para(text, 'empty');
}

export function heading(text: string, level?: 3 | 4): Block {
  return { kind: 'heading', text, ...(level ? { level } : {}) };
}

export function badge(tone: string, text: string): Inline {
  return { kind: 'badge', tone, text };
}

export function num(text: string): Cell {
  return { text, numeric: true };
}

/** ISO → `2026-11-24 18:01:01 UTC`: a report is read anywhere (file, panel, chat), so one unambiguous zone. */
export function formatUtc(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A value for an id/fragment link built from data: keeps [A-Za-z0-9_-], replaces the rest (ids need no escaping then). */
export function anchorId(prefix: string, value: string): string {
  return `${prefix}-${value.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`)}`;
}
