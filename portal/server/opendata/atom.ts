import { isEndedDisclosureStatus } from '@sunlight/domain/schemas/disclosure';
import { recordTypeLabels, recordTypePaths } from '@sunlight/domain/schemas/record-type';
import { tombstoneWords } from '../disclosures/tombstone';
import { RECORD_SOURCES, recordSource } from '../records/registry';
import type { ChangeEvent } from './changes';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const kindTitle: Record<ChangeEvent['kind'], string> = {
  published: '公示',
  corrected: '更正',
  withdrawn: '撤回',
  expired: '公示期满',
};

function entry(e: ChangeEvent, site: string): string {
  const path = `${recordTypePaths[e.type]}/${e.id}`;
  const url = `${site}${path}`;
  const source = recordSource(e.type);
  const who = e.record ? `${source.party(e.record)} ` : '';
  const summary = e.record
    ? source.summary(e.record)
    : isEndedDisclosureStatus(e.kind)
      ? tombstoneWords({ status: e.kind, withdrawalType: e.withdrawalType ?? undefined, reason: e.reason ?? '' })
          .summary
      : '该记录已不再公示。';
  return `  <entry>
    <id>${esc(`${url}#change-${e.seq}`)}</id>
    <title>${esc(`${recordTypeLabels[e.type]}${kindTitle[e.kind]}：${who}${e.decisionNo}`)}</title>
    <updated>${e.at}</updated>
    <link rel="alternate" type="text/html" href="${esc(url)}"/>
    <link rel="related" type="application/json" href="${esc(`${site}/api/v1${path}`)}"/>
    <category term="${e.type}" label="${recordTypeLabels[e.type]}"/>
    <category term="${e.kind}" label="${kindTitle[e.kind]}"/>
    <summary type="text">${esc(summary)}</summary>
  </entry>`;
}

/** An Atom 1.0 feed of the newest changes; withdrawn and expired entries carry the reason only. */
export function atomFeed(
  events: ChangeEvent[],
  opts: {
    site: string;
    self: string;
    title: string;
    siteName: string;
    /** The HTML list and the change feed the Atom feed mirrors (an agency's feed: both filtered to it). */
    alternate?: string;
    related?: string;
  },
): string {
  const updated = events[0]?.at ?? new Date(0).toISOString();
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${esc(opts.self)}</id>
  <title>${esc(opts.title)}</title>
  <subtitle>${esc(RECORD_SOURCES.map((r) => recordTypeLabels[r.type]).join('、'))}的公示、更正、撤回和公示期满。撤回和期满的条目只包含理由，不包含原记录内容。</subtitle>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${esc(opts.self)}"/>
  <link rel="alternate" type="text/html" href="${esc(opts.alternate ?? `${opts.site}/disclosures`)}"/>
  <link rel="related" type="application/json" href="${esc(opts.related ?? `${opts.site}/api/v1/changes`)}"/>
  <author><name>${esc(opts.siteName)}</name></author>
${events.map((e) => entry(e, opts.site)).join('\n')}
</feed>
`;
}
